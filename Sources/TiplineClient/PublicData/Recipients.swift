package import TiplineCore

/// The journalists and desks a reader can write to (`spec/CLIENT.md` §9.5): visible profiles with at least one
/// verified messaging key, journalists and desks apart, each sorted by sort name.
public struct Recipients: Hashable, Sendable {
    /// One entry of the list.
    public struct Recipient: Hashable, Sendable {
        /// The journalist or desk id.
        public let id: String
        /// Name shown to readers.
        public let displayName: String
        /// Short description.
        public let description: String
        /// Whether this is a desk.
        public let isDesk: Bool
    }

    /// Individual journalists.
    public let journalists: [Recipient]
    /// Desks.
    public let desks: [Recipient]
    /// The preselected recipient, when it is listed.
    public let defaultRecipientId: String?

    /// Builds the list from the (unsigned) profiles and the verified keys.
    package init(profiles: [JournalistProfile], defaultJournalistId: String?, keys: VerifiedKeys) {
        let offered =
            profiles
            .filter { $0.status == "VISIBLE" && keys.latestMessagingKey(forJournalist: $0.id) != nil }
            .sorted { ($0.sortName, $0.id) < ($1.sortName, $1.id) }
            .map { Recipient(id: $0.id, displayName: $0.displayName, description: $0.description, isDesk: $0.isDesk) }
        journalists = offered.filter { !$0.isDesk }
        desks = offered.filter(\.isDesk)
        defaultRecipientId = offered.contains { $0.id == defaultJournalistId } ? defaultJournalistId : nil
    }

    /// No recipient at all.
    public static let empty = Recipients()

    private init() {
        journalists = []
        desks = []
        defaultRecipientId = nil
    }
}
