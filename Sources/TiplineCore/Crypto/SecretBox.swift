/// CoverDrop's Secret Box: XChaCha20-Poly1305-IETF with empty associated data and the nonce appended
/// (`ct ‖ tag(16) ‖ nonce(24)`), 40 bytes of overhead.
public enum SecretBox {
    /// Bytes added to the plaintext.
    public static let overhead = 40
    /// Key length in bytes.
    public static let keyLength = 32

    /// Encrypts `message` under a 32-byte key with a random nonce.
    public static func seal(_ message: [UInt8], key: [UInt8]) throws -> [UInt8] {
        guard key.count == keyLength else { throw TiplineCoreError(.invalidLength, "a secret box key is 32 bytes") }
        let nonce = SecureRandom.bytes(Sodium.aeadNonceBytes)
        return try Sodium.aeadEncrypt(message, nonce: nonce, key: key) + nonce
    }

    /// Decrypts and authenticates a secret box.
    /// - Throws: `TiplineCoreError` with `.decryptionFailed` (wrong key, tampered) or `.invalidLength`.
    public static func open(_ box: [UInt8], key: [UInt8]) throws -> [UInt8] {
        guard key.count == keyLength else { throw TiplineCoreError(.invalidLength, "a secret box key is 32 bytes") }
        guard box.count >= overhead else {
            throw TiplineCoreError(.invalidLength, "a secret box is at least \(overhead) bytes")
        }
        let split = box.count - Sodium.aeadNonceBytes
        return try Sodium.aeadDecrypt(box[..<split], nonce: box[split...], key: key)
    }
}
