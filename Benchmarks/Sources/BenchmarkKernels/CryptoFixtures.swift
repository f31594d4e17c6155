package import TiplineCore

/// Keys and ciphertexts made once per process, outside every measured loop.
package struct CryptoFixtures: Sendable {
    package static let shared = Result { try CryptoFixtures() }

    package let coverNode: EncryptionKeyPair<Role.CoverNodeMessaging>
    package let journalist: EncryptionKeyPair<Role.JournalistMessaging>
    package let reader: EncryptionKeyPair<Role.User>
    package let userToCoverNode: [UInt8]
    package let userToJournalist: [UInt8]
    package let reply: [UInt8]
    package let sharedKey: TwoPartyBox.SharedKey
    package let identityKey: SignedPublicKey<SigningPublicKey<Role.CoverNodeIdentity>>
    package let deadDrop: DeadDrop
    package let now = Timestamp(seconds: 1_900_000_000)

    init() throws {
        coverNode = try .generate()
        journalist = try .generate()
        reader = try .generate()
        let secondCoverNode = try EncryptionKeyPair<Role.CoverNodeMessaging>.generate()
        userToCoverNode = try UserToCoverNodeMessage.seal(
            text: "a benchmark message", replyKey: reader.publicKey, journalistId: "benchmark_journalist",
            journalistKey: journalist.publicKey, coverNodeKeys: [coverNode.publicKey, secondCoverNode.publicKey])
        userToJournalist = try UserToJournalistMessage(
            replyKey: reader.publicKey, text: PaddedCompressedString(text: "a benchmark message")
        ).seal(to: journalist.publicKey)
        reply = try JournalistToUserMessage.message(PaddedCompressedString(text: "a benchmark reply"))
            .seal(from: journalist, to: reader.publicKey)
        sharedKey = try TwoPartyBox.SharedKey(mine: reader, theirs: journalist.publicKey)
        let identity = try SigningKeyPair<Role.CoverNodeIdentity>.generate()
        identityKey = try identity.certify(identity.publicKey, notValidAfter: now.adding(.seconds(86_400)))
        let messages = try (0..<20).map { _ in try JournalistToUserMessage.filler() }
        deadDrop = try DeadDrop.sign(kind: .user, messages: messages, createdAt: now, epoch: nil, with: identity)
    }
}
