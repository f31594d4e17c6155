import Foundation
import Testing
import TiplineCore
import TiplineTestSupport

/// What reader apps and journalists produce and receive, built with TiplineCore exactly as the clients do.
enum Reader {
    /// A real U2C from a fresh reader key to `journalist`, wrapped to the CoverNode keys.
    static func message(
        _ text: String, to journalist: TestKeyHierarchy.Journalist,
        coverNodeKeys: [EncryptionPublicKey<Role.CoverNodeMessaging>],
        from reader: EncryptionKeyPair<Role.User>? = nil
    ) throws -> [UInt8] {
        try UserToCoverNodeMessage.seal(
            text: text, replyKey: (reader ?? .generate()).publicKey, journalistId: journalist.id,
            journalistKey: journalist.latestMessaging.publicKey, coverNodeKeys: coverNodeKeys)
    }

    /// Every text `journalist` can read in `deadDrops`, checking each dead drop's signature and its message size.
    static func texts(
        in deadDrops: [DeadDrop], for journalist: TestKeyHierarchy.Journalist, keys: VerifiedKeys, now: Timestamp
    ) throws -> [String] {
        var texts: [String] = []
        let senders = try keys.allCoverNodeMessagingKeys.map {
            try TwoPartyBox.SharedKey(mine: journalist.latestMessaging, theirs: $0.key)
        }
        for deadDrop in deadDrops {
            #expect(deadDrop.isSigned(byAnyOf: keys.allCoverNodeIdentityKeys, at: now))
            for message in deadDrop.messages {
                #expect(message.count == MessageSizes.coverNodeToJournalistEncrypted)
                guard let outer = senders.lazy.compactMap({ $0.open(message) }).first else { continue }
                let inner = try UserToJournalistMessage.open(outer, with: journalist.latestMessaging)
                texts.append(try inner.text.text())
            }
        }
        return texts
    }
}
