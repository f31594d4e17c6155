package import TiplineCore

/// 336 user dead drops of 20 J2U messages (14 days, one an hour); every tenth holds one reply to the reader from one
/// of 3 journalists x 2 messaging keys, the rest are fillers, which cost the same to reject.
package struct ReaderFixtures: Sendable {
    package static let shared = Result { try ReaderFixtures(drops: 336, perDrop: 20) }

    package let reader: EncryptionKeyPair<Role.User>
    package let journalistKeys: [EncryptionPublicKey<Role.JournalistMessaging>]
    package let messages: [ArraySlice<UInt8>]
    package let expected: Int

    init(drops: Int, perDrop: Int) throws {
        reader = try .generate()
        let senders = try (0..<6).map { _ in try EncryptionKeyPair<Role.JournalistMessaging>.generate() }
        journalistKeys = senders.map(\.publicKey)
        var messages: [ArraySlice<UInt8>] = []
        for index in 0..<drops {
            for slot in 0..<perDrop {
                let box =
                    index % 10 == 0 && slot == perDrop / 2
                    ? try JournalistToUserMessage.message(PaddedCompressedString(text: "reply \(index)"))
                        .seal(from: senders[(index / 10) % senders.count], to: reader.publicKey)
                    : SecureRandom.bytes(MessageSizes.journalistToUserEncrypted)
                messages.append(box[...])
            }
        }
        self.messages = messages
        expected = (drops + 9) / 10
    }

    /// The replies found with one precomputed shared key per journalist key (what the reader app does at unlock).
    package func decryptPrecomputed() throws -> Int {
        let keys = try journalistKeys.map { try TwoPartyBox.SharedKey(mine: reader, theirs: $0) }
        return messages.count { box in keys.contains { JournalistToUserMessage.open(box, sharedKey: $0) != nil } }
    }

    /// The replies found with one key agreement per message and key (the naive way, the reference).
    package func decryptNaive() -> Int {
        messages.count { box in
            journalistKeys.contains { (try? TwoPartyBox.open(Array(box), from: $0, with: reader)) != nil }
        }
    }

    /// A decryption path that found the wrong number of replies makes its numbers meaningless.
    package func check(_ found: Int) throws {
        guard found == expected else {
            throw TiplineCoreError(.invalidArgument, "found \(found) replies, expected \(expected)")
        }
    }
}
