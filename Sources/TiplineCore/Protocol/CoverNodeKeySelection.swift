/// Chooses the CoverNode keys a Multi Anonymous Box is wrapped to (`spec/PROTOCOL.md` §3.8).
///
/// Given the latest messaging key of each CoverNode (distinct nodes, in a stable order): one key is used in
/// both slots; two or more give the first two distinct nodes, so the redundancy CoverDrop intended is real.
public enum CoverNodeKeySelection {
    /// The ``MultiAnonymousBox/recipientCount`` keys to wrap to.
    /// - Throws: `TiplineCoreError` with `.notFound` when there is no CoverNode key.
    public static func wrappingKeys(
        from latestKeys: [EncryptionPublicKey<Role.CoverNodeMessaging>]
    ) throws -> [EncryptionPublicKey<Role.CoverNodeMessaging>] {
        var distinct: [EncryptionPublicKey<Role.CoverNodeMessaging>] = []
        for key in latestKeys where !distinct.contains(key) { distinct.append(key) }
        guard !distinct.isEmpty else {
            throw TiplineCoreError(.notFound, "no CoverNode messaging key is available")
        }
        return (0..<MultiAnonymousBox.recipientCount).map { distinct[$0 % distinct.count] }
    }
}
