import Synchronization
package import TiplineCore

/// Recipient tag → the journalist's latest messaging key, from the verified `GET /v1/public-keys`.
///
/// Tags are looked up in memory only; they are never logged or exported.
package final class JournalistDirectory: Sendable {
    private let entries = Mutex<[RecipientTag: EncryptionPublicKey<Role.JournalistMessaging>]>([:])

    /// An empty directory.
    package init() {}

    /// Replaces the table with the journalists of `keys` that have at least one verified messaging key.
    package func update(from keys: VerifiedKeys) {
        var table: [RecipientTag: EncryptionPublicKey<Role.JournalistMessaging>] = [:]
        for id in keys.journalists.keys {
            guard let tag = try? RecipientTag(journalistId: id), let key = keys.latestMessagingKey(forJournalist: id)
            else { continue }
            table[tag] = key
        }
        replace(with: table)
    }

    /// Replaces the whole table.
    func replace(with table: [RecipientTag: EncryptionPublicKey<Role.JournalistMessaging>]) {
        entries.withLock { $0 = table }
    }

    /// The key for `tag`, or `nil` for an unknown recipient.
    package func key(for tag: RecipientTag) -> EncryptionPublicKey<Role.JournalistMessaging>? {
        entries.withLock { $0[tag] }
    }

    /// The set of known tags, for classifying a batch without taking the lock per message.
    package var knownTags: Set<RecipientTag> { entries.withLock { Set($0.keys) } }

    /// The number of journalists with a key.
    package var count: Int { entries.withLock { $0.count } }
}
