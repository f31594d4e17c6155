/// A public key certified by its parent: `certificate = Ed25519(parent, key ‖ i64_BE(not_valid_after seconds))`.
public struct SignedPublicKey<Key: PublicKeyProtocol>: Hashable, Sendable {
    /// The certified key.
    public let key: Key
    /// The parent's signature over ``certificateData``.
    public let certificate: Signature
    /// End of validity, at full precision (only whole seconds are signed).
    public let notValidAfter: Timestamp

    /// Wraps a certified key without checking the certificate (see ``isCertified(by:at:signerNotValidAfter:)``).
    public init(key: Key, certificate: Signature, notValidAfter: Timestamp) {
        self.key = key
        self.certificate = certificate
        self.notValidAfter = notValidAfter
    }

    /// The 40 signed bytes: the key, then the expiry's whole Unix seconds as big-endian `i64`.
    public var certificateData: [UInt8] { Self.certificateData(key: key.bytes, notValidAfter: notValidAfter) }

    /// Certificate data for any key and expiry.
    public static func certificateData(key: [UInt8], notValidAfter: Timestamp) -> [UInt8] {
        key + withUnsafeBytes(of: notValidAfter.seconds.bigEndian, Array.init)
    }

    /// Whether the key is still valid at `now`.
    public func isValid(at now: Timestamp) -> Bool { now <= notValidAfter }

    /// Whether `signer` certified this key, the key is unexpired at `now`, and the signer (valid until
    /// `signerNotValidAfter`) is unexpired too.
    public func isCertified<R>(
        by signer: SigningPublicKey<R>, at now: Timestamp, signerNotValidAfter: Timestamp
    ) -> Bool {
        isValid(at: now) && now <= signerNotValidAfter && signer.isValidSignature(certificate, for: certificateData)
    }

    /// The JSON form `{"key", "certificate", "not_valid_after"}`.
    public var json: SignedPublicKeyJSON {
        SignedPublicKeyJSON(key: key.hex, certificate: certificate.hex, notValidAfter: notValidAfter.rfc3339)
    }

    /// Parses the JSON form (lengths, hex and timestamp checked; the certificate is not verified).
    public init(json: SignedPublicKeyJSON) throws {
        try self.init(
            key: Key(hex: json.key), certificate: Signature(hex: json.certificate),
            notValidAfter: Timestamp(rfc3339: json.notValidAfter))
    }
}

extension SigningKeyPair {
    /// Certifies `key` until `notValidAfter`.
    public func certify<K: PublicKeyProtocol>(_ key: K, notValidAfter: Timestamp) throws -> SignedPublicKey<K> {
        try SignedPublicKey(
            key: key,
            certificate: sign(SignedPublicKey<K>.certificateData(key: key.bytes, notValidAfter: notValidAfter)),
            notValidAfter: notValidAfter)
    }

    /// A self-signed organisation key: the form of a trust anchor.
    public func selfSigned(notValidAfter: Timestamp) throws -> SignedPublicKey<SigningPublicKey<R>> {
        try certify(publicKey, notValidAfter: notValidAfter)
    }
}

extension SigningPublicKey {
    /// CoverDrop's human-readable digest: `b64-nopad(SHA-512(pk)[0..16])` in groups of six, for reading aloud.
    public var humanReadableDigest: String {
        let text = Array(Base64.encodeUnpadded(Array(Hashing.sha512(bytes).prefix(16))))
        return stride(from: 0, to: text.count, by: 6).map { String(text[$0..<min($0 + 6, text.count)]) }
            .joined(separator: " ")
    }
}
