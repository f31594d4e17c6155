/// CoverDrop's Anonymous Box: a libsodium sealed box (`epk(32) ‖ tag(16) ‖ ct`), 48 bytes of overhead.
public enum AnonymousBox {
    /// Bytes added to the plaintext.
    public static let overhead = 48

    /// Seals `message` to `recipient` with a fresh ephemeral key.
    /// - Throws: `TiplineCoreError` with `.encryptionFailed` for a low-order recipient key.
    public static func seal<R>(_ message: [UInt8], to recipient: EncryptionPublicKey<R>) throws -> [UInt8] {
        try Sodium.seal(message, to: recipient.bytes)
    }

    /// Opens a sealed box with the recipient's key pair.
    /// - Throws: `TiplineCoreError` with `.decryptionFailed` (wrong key, tampered) or `.invalidLength`.
    public static func open<R>(_ sealed: [UInt8], with recipient: EncryptionKeyPair<R>) throws -> [UInt8] {
        try Sodium.sealOpen(sealed, publicKey: recipient.publicKey.bytes, secretKey: recipient.secretKeyBytes)
    }
}
