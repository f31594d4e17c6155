import Testing
import TiplineCore
import TiplineJournalist

@Suite("Trial decryption of journalist dead drops")
struct TrialDecryptorTests {
    @Test func findsOwnMessagesWhateverKeyWasUsedAndIgnoresTheRest() throws {
        let coverNodes = try (0..<2).map { _ in try EncryptionKeyPair<Role.CoverNodeMessaging>.generate() }
        let own = try (0..<3).map { _ in try EncryptionKeyPair<Role.JournalistMessaging>.generate() }
        let other = try EncryptionKeyPair<Role.JournalistMessaging>.generate()
        let reader = try EncryptionKeyPair<Role.User>.generate()

        func c2j(
            _ text: String, inner: EncryptionKeyPair<Role.JournalistMessaging>,
            outer: EncryptionKeyPair<Role.JournalistMessaging>, coverNode: Int
        ) throws -> [UInt8] {
            let sealed = try UserToJournalistMessage(
                replyKey: reader.publicKey, text: PaddedCompressedString(text: text)
            )
            .seal(to: inner.publicKey)
            return try CoverNodeToJournalistMessage.seal(sealed, from: coverNodes[coverNode], to: outer.publicKey)
        }
        let messages = [
            try c2j("newest key", inner: own[0], outer: own[0], coverNode: 0),
            try CoverNodeToJournalistMessage.filler(from: coverNodes[0]),
            try c2j("older inner key", inner: own[2], outer: own[0], coverNode: 1),
            try c2j("for someone else", inner: other, outer: other, coverNode: 0),
            try c2j("older outer key", inner: own[1], outer: own[1], coverNode: 1),
        ]
        let decryptor = try TrialDecryptor(coverNodeKeys: coverNodes.map(\.publicKey), ownKeys: own)
        let deadDrop = try DeadDrop.sign(
            kind: .journalist, messages: messages, createdAt: Timestamp(seconds: 1_900_000_000), epoch: 3,
            with: .generate())
        let found = decryptor.open(deadDrop)
        #expect(try found.map { try $0.text.text() } == ["newest key", "older inner key", "older outer key"])
        #expect(found.allSatisfy { $0.replyKey == reader.publicKey })
    }

    @Test func ignoresMalformedSlices() throws {
        let decryptor = try TrialDecryptor(
            coverNodeKeys: [try EncryptionKeyPair<Role.CoverNodeMessaging>.generate().publicKey],
            ownKeys: [try .generate()])
        #expect(decryptor.open([UInt8](repeating: 7, count: 633)[...]) == nil)
        #expect(decryptor.open([UInt8](repeating: 7, count: 20)[...]) == nil)
    }
}
