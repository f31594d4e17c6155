/// J2C, what a journalist client posts once a minute: `flag(1) ‖ J2U-enc(553)` in a Multi Anonymous Box to two
/// CoverNode keys, 730 bytes. Flag `0x01` is real; every other value is cover.
public enum JournalistToCoverNodeMessage: Sendable, Equatable {
    /// Cover traffic.
    case cover
    /// A real reply: the 553-byte sealed J2U the CoverNode publishes verbatim.
    case real(sealedReply: [UInt8])

    /// The 554 plaintext bytes. Cover carries random filler.
    public var serialized: [UInt8] {
        switch self {
        case .cover: [0x00] + SecureRandom.bytes(MessageSizes.journalistToUserEncrypted)
        case .real(let sealed): [0x01] + sealed
        }
    }

    /// Encrypts to the CoverNode keys (see ``CoverNodeKeySelection``): 730 bytes.
    public func seal(to coverNodeKeys: [EncryptionPublicKey<Role.CoverNodeMessaging>]) throws -> [UInt8] {
        if case .real(let sealed) = self {
            try requireLength(sealed.count, is: MessageSizes.journalistToUserEncrypted, "a sealed J2U")
        }
        return try MultiAnonymousBox.seal(serialized, to: CoverNodeKeySelection.wrappingKeys(from: coverNodeKeys))
    }

    /// Opens a 730-byte J2C with a CoverNode messaging key pair.
    public static func open(
        _ box: [UInt8], with keyPair: EncryptionKeyPair<Role.CoverNodeMessaging>
    ) throws -> JournalistToCoverNodeMessage {
        try requireLength(box.count, is: MessageSizes.journalistToCoverNodeEncrypted, "a J2C message")
        let plain = try MultiAnonymousBox.open(box, with: keyPair)
        return plain[0] == 0x01 ? .real(sealedReply: Array(plain[1...])) : .cover
    }
}
