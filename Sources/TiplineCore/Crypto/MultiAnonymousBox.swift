/// CoverDrop's Multi Anonymous Box: a fresh 32-byte key sealed to each of N recipients, then the payload under
/// `crypto_secretbox_easy` with an all-zero nonce: `AB(k)_1 ‖ … ‖ AB(k)_N ‖ tag(16) ‖ ct`.
///
/// N is not encoded; both sides use ``recipientCount`` (CoverDrop's `COVERNODE_WRAPPING_KEY_COUNT`).
public enum MultiAnonymousBox {
    /// Number of wrapped keys in every CoverDrop message.
    public static let recipientCount = 2
    /// Size of one wrapped key: a sealed box of 32 bytes.
    public static let wrappedKeyLength = 80
    static let zeroNonce = [UInt8](repeating: 0, count: 24)

    /// Bytes added to the plaintext for `recipients` recipients.
    public static func overhead(recipients: Int = recipientCount) -> Int { wrappedKeyLength * recipients + 16 }

    /// Encrypts `message` to every key in `recipients`, in the given order.
    /// - Throws: `TiplineCoreError` when `recipients` is empty or a key is refused.
    public static func seal<R>(_ message: [UInt8], to recipients: [EncryptionPublicKey<R>]) throws -> [UInt8] {
        guard !recipients.isEmpty else {
            throw TiplineCoreError(.invalidArgument, "a multi anonymous box needs at least one recipient")
        }
        var key = SecureRandom.bytes(Sodium.secretBoxKeyBytes)
        defer { Sodium.zero(&key) }
        var out: [UInt8] = []
        out.reserveCapacity(overhead(recipients: recipients.count) + message.count)
        for recipient in recipients {
            out += try Sodium.seal(key, to: recipient.bytes)
        }
        out += try Sodium.secretBoxEasy(message, nonce: zeroNonce, key: key)
        return out
    }

    /// Opens a box made for `recipients` recipients with one recipient's key pair.
    /// - Throws: `TiplineCoreError` with `.decryptionFailed` when no slot opens, `.invalidLength` when too short.
    public static func open<R>(
        _ box: [UInt8], with keyPair: EncryptionKeyPair<R>, recipients: Int = recipientCount
    ) throws -> [UInt8] {
        guard recipients > 0, box.count >= overhead(recipients: recipients) else {
            throw TiplineCoreError(.invalidLength, "a multi anonymous box is at least \(overhead()) bytes")
        }
        for slot in 0..<recipients {
            let start = slot * wrappedKeyLength
            let wrapped = Array(box[start..<start + wrappedKeyLength])
            guard
                var key = try? Sodium.sealOpen(
                    wrapped, publicKey: keyPair.publicKey.bytes, secretKey: keyPair.secretKeyBytes)
            else { continue }
            defer { Sodium.zero(&key) }
            return try Sodium.secretBoxOpenEasy(box[(recipients * wrappedKeyLength)...], nonce: zeroNonce, key: key)
        }
        throw TiplineCoreError(.decryptionFailed, "no wrapped key opened with this key pair")
    }
}
