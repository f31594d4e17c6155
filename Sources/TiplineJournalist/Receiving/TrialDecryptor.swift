package import TiplineCore

/// Finds the messages meant for this journalist in journalist dead drops (`spec/PROTOCOL.md` §5.6).
///
/// The outer layer (C2J, a Two Party Box from a CoverNode messaging key to one of the journalist's messaging
/// keys) is tried with a ``TwoPartyBox/SharedKey`` precomputed once per (CoverNode key, own key) pair, so each
/// candidate costs a symmetric decryption rather than a key agreement. The inner sealed U2J is then opened with
/// every own key, newest first (a reader may have used an older key than the CoverNode did).
package struct TrialDecryptor: Sendable {
    private let sharedKeys: [TwoPartyBox.SharedKey]
    private let ownKeys: [EncryptionKeyPair<Role.JournalistMessaging>]

    /// Precomputes the shared keys.
    /// - Parameters:
    ///   - coverNodeKeys: every verified CoverNode messaging key.
    ///   - ownKeys: the journalist's unexpired messaging key pairs, newest first.
    package init(
        coverNodeKeys: [EncryptionPublicKey<Role.CoverNodeMessaging>],
        ownKeys: [EncryptionKeyPair<Role.JournalistMessaging>]
    ) throws {
        var shared: [TwoPartyBox.SharedKey] = []
        shared.reserveCapacity(coverNodeKeys.count * ownKeys.count)
        for own in ownKeys {
            for coverNode in Set(coverNodeKeys) {
                shared.append(try TwoPartyBox.SharedKey(mine: own, theirs: coverNode))
            }
        }
        self.sharedKeys = shared
        self.ownKeys = ownKeys
    }

    /// The message inside one 633-byte C2J, or `nil` when it is not for this journalist (or is filler).
    package func open(_ message: ArraySlice<UInt8>) -> UserToJournalistMessage? {
        guard message.count == MessageSizes.coverNodeToJournalistEncrypted else { return nil }
        for sharedKey in sharedKeys {
            guard let sealed = sharedKey.open(message) else { continue }
            for own in ownKeys {
                if let inner = try? UserToJournalistMessage.open(sealed, with: own) { return inner }
            }
            return nil
        }
        return nil
    }

    /// Every message for this journalist in `deadDrop`, in order.
    package func open(_ deadDrop: DeadDrop) -> [UserToJournalistMessage] {
        guard deadDrop.kind == .journalist else { return [] }
        return deadDrop.messages.compactMap(open)
    }
}
