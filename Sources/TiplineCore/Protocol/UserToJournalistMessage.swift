/// U2J, the inner message from a reader to a journalist: `reply_pk(32) ‖ 0x00 ‖ text(512)`, sealed (Anonymous
/// Box) to the journalist's latest messaging key: 593 bytes.
public struct UserToJournalistMessage: Sendable {
    /// The reader's long-term key the journalist replies to.
    public let replyKey: EncryptionPublicKey<Role.User>
    /// The text.
    public let text: PaddedCompressedString

    /// Creates a message.
    public init(replyKey: EncryptionPublicKey<Role.User>, text: PaddedCompressedString) {
        self.replyKey = replyKey
        self.text = text
    }

    /// The 545 plaintext bytes.
    public var serialized: [UInt8] { replyKey.bytes + [0] + text.bytes }

    /// Parses 545 plaintext bytes (the reserved byte is ignored).
    public init(serialized bytes: [UInt8]) throws {
        try requireLength(bytes.count, is: MessageSizes.userToJournalist, "a U2J message")
        replyKey = try EncryptionPublicKey(bytes: Array(bytes[0..<32]))
        text = try PaddedCompressedString(bytes: bytes[33...])
    }

    /// Seals the message to the journalist (593 bytes).
    public func seal(to journalist: EncryptionPublicKey<Role.JournalistMessaging>) throws -> [UInt8] {
        try AnonymousBox.seal(serialized, to: journalist)
    }

    /// Opens a 593-byte sealed U2J with one of the journalist's messaging key pairs.
    public static func open(
        _ sealed: [UInt8], with journalist: EncryptionKeyPair<Role.JournalistMessaging>
    ) throws -> UserToJournalistMessage {
        try requireLength(sealed.count, is: MessageSizes.userToJournalistEncrypted, "a sealed U2J message")
        return try UserToJournalistMessage(serialized: AnonymousBox.open(sealed, with: journalist))
    }
}
