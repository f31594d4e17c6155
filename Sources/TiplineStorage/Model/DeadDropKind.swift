/// The two independent dead-drop lists (`PROTOCOL.md` §5).
public enum DeadDropKind: String, Sendable, Hashable, CaseIterable {
    /// User-facing dead drops: J2U messages from journalists, read by reader apps.
    case user
    /// Journalist-facing dead drops: C2J messages from users, read by journalists; they carry an epoch.
    case journalist
}
