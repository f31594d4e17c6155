/// U2C, what every reader app posts to the appender: `tag(4) ‖ sealed U2J(593)` in a Multi Anonymous Box to
/// two CoverNode messaging keys, 773 bytes whether real or cover.
public enum UserToCoverNodeMessage: Sendable, Equatable {
    /// Cover traffic (tag `00000000`).
    case cover
    /// A real message for the journalist with `tag`; `sealedMessage` is the 593-byte U2J.
    case real(tag: RecipientTag, sealedMessage: [UInt8])

    /// Builds the full U2C for a reader's message: the recipe of `spec/PROTOCOL.md` §3.10.
    /// - Throws: `TiplineCoreError` with `.tooLong` when the text does not fit.
    public static func seal(
        text: String, replyKey: EncryptionPublicKey<Role.User>, journalistId: String,
        journalistKey: EncryptionPublicKey<Role.JournalistMessaging>,
        coverNodeKeys: [EncryptionPublicKey<Role.CoverNodeMessaging>]
    ) throws -> [UInt8] {
        let inner = UserToJournalistMessage(replyKey: replyKey, text: try PaddedCompressedString(text: text))
        let message = UserToCoverNodeMessage.real(
            tag: try RecipientTag(journalistId: journalistId), sealedMessage: try inner.seal(to: journalistKey))
        return try message.seal(to: coverNodeKeys)
    }

    /// A cover U2C of exactly the same size as a real one.
    public static func sealCover(to coverNodeKeys: [EncryptionPublicKey<Role.CoverNodeMessaging>]) throws -> [UInt8] {
        try UserToCoverNodeMessage.cover.seal(to: coverNodeKeys)
    }

    /// The 597 plaintext bytes. Cover carries random filler after its zero tag.
    public var serialized: [UInt8] {
        switch self {
        case .cover: RecipientTag.cover.bytes + SecureRandom.bytes(MessageSizes.userToJournalistEncrypted)
        case .real(let tag, let sealed): tag.bytes + sealed
        }
    }

    /// Encrypts to the CoverNode keys (see ``CoverNodeKeySelection``): 773 bytes.
    public func seal(to coverNodeKeys: [EncryptionPublicKey<Role.CoverNodeMessaging>]) throws -> [UInt8] {
        if case .real(_, let sealed) = self {
            try requireLength(sealed.count, is: MessageSizes.userToJournalistEncrypted, "a sealed U2J message")
        }
        return try MultiAnonymousBox.seal(serialized, to: CoverNodeKeySelection.wrappingKeys(from: coverNodeKeys))
    }

    /// Opens a 773-byte U2C with a CoverNode messaging key pair.
    /// - Throws: `TiplineCoreError` with `.invalidLength` for another size, `.decryptionFailed` for another key.
    public static func open(
        _ box: [UInt8], with keyPair: EncryptionKeyPair<Role.CoverNodeMessaging>
    ) throws -> UserToCoverNodeMessage {
        try requireLength(box.count, is: MessageSizes.userToCoverNodeEncrypted, "a U2C message")
        let plain = try MultiAnonymousBox.open(box, with: keyPair)
        let tag = try RecipientTag(bytes: Array(plain[0..<4]))
        return tag.isCover ? .cover : .real(tag: tag, sealedMessage: Array(plain[4...]))
    }
}
