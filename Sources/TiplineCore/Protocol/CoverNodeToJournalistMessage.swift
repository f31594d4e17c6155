/// C2J, one entry of a journalist dead drop: the unchanged 593-byte sealed U2J in a Two Party Box from the
/// CoverNode's messaging key to the journalist's messaging key, 633 bytes.
public enum CoverNodeToJournalistMessage {
    /// Encrypts a sealed U2J for the journalist.
    public static func seal(
        _ sealedMessage: [UInt8], from coverNode: EncryptionKeyPair<Role.CoverNodeMessaging>,
        to journalist: EncryptionPublicKey<Role.JournalistMessaging>
    ) throws -> [UInt8] {
        try requireLength(sealedMessage.count, is: MessageSizes.coverNodeToJournalist, "a C2J payload")
        return try TwoPartyBox.seal(sealedMessage, from: coverNode, to: journalist)
    }

    /// A filler that cannot be told from a real C2J without the recipient's key: a U2J with an empty text and a
    /// random reply key, sealed to a throw-away key, then boxed from the CoverNode's real key to another one.
    public static func filler(from coverNode: EncryptionKeyPair<Role.CoverNodeMessaging>) throws -> [UInt8] {
        let inner = UserToJournalistMessage(
            replyKey: try EncryptionKeyPair<Role.User>.generate().publicKey, text: try PaddedCompressedString(text: ""))
        let sealed = try inner.seal(to: EncryptionKeyPair<Role.JournalistMessaging>.generate().publicKey)
        return try seal(sealed, from: coverNode, to: EncryptionKeyPair<Role.JournalistMessaging>.generate().publicKey)
    }
}
