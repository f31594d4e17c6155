/// CoverDrop's Two Party Box: `crypto_box_easy` with a random nonce appended (`tag(16) ‖ ct ‖ nonce(24)`).
///
/// There is no sender identification inside the box: receivers trial-decrypt with candidate sender keys,
/// ideally through ``SharedKey`` so that each candidate costs one key agreement in total, not one per message.
public enum TwoPartyBox {
    /// Bytes added to the plaintext.
    public static let overhead = 40
    static let nonceLength = 24

    /// Encrypts `message` from `sender` to `recipient`.
    public static func seal<S, R>(
        _ message: [UInt8], from sender: EncryptionKeyPair<S>, to recipient: EncryptionPublicKey<R>
    ) throws -> [UInt8] {
        let nonce = SecureRandom.bytes(nonceLength)
        return try Sodium.boxEasy(
            message, nonce: nonce, publicKey: recipient.bytes, secretKey: sender.secretKeyBytes) + nonce
    }

    /// Decrypts a box from `sender` with the recipient's key pair.
    /// - Throws: `TiplineCoreError` with `.decryptionFailed` or `.invalidLength`.
    public static func open<S, R>(
        _ box: [UInt8], from sender: EncryptionPublicKey<S>, with recipient: EncryptionKeyPair<R>
    ) throws -> [UInt8] {
        guard box.count >= overhead else {
            throw TiplineCoreError(.invalidLength, "a two party box is at least \(overhead) bytes")
        }
        let split = box.count - nonceLength
        return try Sodium.boxOpenEasy(
            box[..<split], nonce: box[split...], publicKey: sender.bytes, secretKey: recipient.secretKeyBytes)
    }

    /// A precomputed `crypto_box_beforenm` key for one (my secret, their public) pair: opening with it costs a
    /// symmetric decryption only, which makes bulk trial decryption of dead drops cheap.
    public struct SharedKey: Sendable {
        private let key: [UInt8]

        /// Computes the shared key between `mine` and `theirs` (one X25519 operation).
        public init<A, B>(mine: EncryptionKeyPair<A>, theirs: EncryptionPublicKey<B>) throws {
            key = try Sodium.boxBeforeNM(publicKey: theirs.bytes, secretKey: mine.secretKeyBytes)
        }

        /// Opens `box[range]` (a whole Two Party Box) or returns `nil` when it is not for this key pair.
        public func open(_ box: ArraySlice<UInt8>) -> [UInt8]? {
            guard box.count >= TwoPartyBox.overhead else { return nil }
            let split = box.endIndex - TwoPartyBox.nonceLength
            return Sodium.boxOpenEasyAfterNM(box[box.startIndex..<split], nonce: box[split...], sharedKey: key)
        }

        /// Encrypts with the precomputed key; byte-compatible with ``TwoPartyBox/seal(_:from:to:)``.
        public func seal(_ message: [UInt8]) throws -> [UInt8] {
            let nonce = SecureRandom.bytes(TwoPartyBox.nonceLength)
            return try Sodium.boxEasyAfterNM(message, nonce: nonce, sharedKey: key) + nonce
        }
    }
}
