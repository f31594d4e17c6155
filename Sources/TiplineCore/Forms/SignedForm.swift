import Foundation

/// CoverDrop's signed form: an opaque JSON body signed together with its validity window
/// (`spec/PROTOCOL.md` §6.1). Every authenticated API call carries one.
///
/// `signature = Ed25519(body ‖ rfc3339(created_at, "+00:00") ‖ rfc3339(not_valid_after, "+00:00"))`.
public struct SignedForm: Codable, Hashable, Sendable {
    /// CoverDrop's default lifetime of a form (1 hour).
    public static let defaultLifetime: Duration = .seconds(3600)
    /// The lifetime of key-ceremony "bundle" forms (4 weeks).
    public static let bundleLifetime: Duration = .seconds(28 * 86_400)

    /// The signed body bytes (compact JSON as produced by the signer).
    public let body: [UInt8]
    /// The signature.
    public let signature: Signature
    /// When the signer made the form.
    public let createdAt: Timestamp
    /// End of the form's validity.
    public let notValidAfter: Timestamp
    /// The signer's Ed25519 public key.
    public let signingKey: [UInt8]

    /// Signs `body` bytes with `signer`, valid for `lifetime` from `now`.
    public static func sign<R>(
        body: [UInt8], with signer: SigningKeyPair<R>, now: Timestamp, lifetime: Duration = defaultLifetime
    ) throws -> SignedForm {
        let notValidAfter = now.adding(lifetime)
        let signature = try signer.sign(signedBytes(body: body, createdAt: now, notValidAfter: notValidAfter))
        return SignedForm(
            body: body, signature: signature, createdAt: now, notValidAfter: notValidAfter,
            signingKey: signer.publicKey.bytes)
    }

    /// Encodes `value` as compact JSON and signs it.
    public static func sign<R, T: Encodable>(
        _ value: T, with signer: SigningKeyPair<R>, now: Timestamp, lifetime: Duration = defaultLifetime
    ) throws -> SignedForm {
        try sign(body: Array(formEncoder.encode(value)), with: signer, now: now, lifetime: lifetime)
    }

    /// The bytes covered by the signature.
    public static func signedBytes(body: [UInt8], createdAt: Timestamp, notValidAfter: Timestamp) -> [UInt8] {
        body + Array(createdAt.rfc3339PlusZeroOffset.utf8) + Array(notValidAfter.rfc3339PlusZeroOffset.utf8)
    }

    /// Limits a verifier puts on forms, beyond CoverDrop's own checks.
    public struct Policy: Sendable {
        /// Longest `not_valid_after − created_at` accepted.
        public var maxLifetime: Duration
        /// How far in the future `created_at` may be (clock skew).
        public var maxClockSkew: Duration

        /// Creates a policy.
        public init(maxLifetime: Duration, maxClockSkew: Duration = .seconds(300)) {
            self.maxLifetime = maxLifetime
            self.maxClockSkew = maxClockSkew
        }

        /// Forms from online keys (identities): CoverDrop's 1-hour default.
        public static let online = Policy(maxLifetime: SignedForm.defaultLifetime)
        /// Forms from the offline key ceremony (organisation, provisioning): up to 4 weeks.
        public static let ceremony = Policy(maxLifetime: SignedForm.bundleLifetime)
    }

    /// Verifies the form against its signer's certified key and returns the body bytes.
    /// - Throws: `TiplineCoreError` with `.expired` (form or signer), `.notYetValid`, `.invalidArgument` (lifetime
    ///   over the cap or signer mismatch) or `.invalidSignature`.
    public func verify<R>(
        signer: SignedPublicKey<SigningPublicKey<R>>, policy: Policy, now: Timestamp
    ) throws -> [UInt8] {
        guard signer.key.bytes == signingKey else {
            throw TiplineCoreError(.invalidArgument, "the form was signed by another key")
        }
        try checkValidityWindow(policy: policy, now: now)
        guard signer.isValid(at: now) else { throw TiplineCoreError(.expired, "the signing key has expired") }
        let message = Self.signedBytes(body: body, createdAt: createdAt, notValidAfter: notValidAfter)
        guard signer.key.isValidSignature(signature, for: message) else {
            throw TiplineCoreError(.invalidSignature, "signature verification failed")
        }
        return body
    }

    /// The checks of ``verify(signer:policy:now:)`` that need no key (cheap; a server runs them first): not expired,
    /// not created in the future beyond the policy's skew, lifetime within the policy's cap.
    /// - Throws: `TiplineCoreError` with `.expired`, `.notYetValid` or `.invalidArgument`.
    public func checkValidityWindow(policy: Policy, now: Timestamp) throws {
        guard now <= notValidAfter else { throw TiplineCoreError(.expired, "the form has expired") }
        guard createdAt <= now.adding(policy.maxClockSkew) else {
            throw TiplineCoreError(.notYetValid, "the form was created in the future")
        }
        guard createdAt <= notValidAfter, notValidAfter.duration(since: createdAt) <= policy.maxLifetime else {
            throw TiplineCoreError(.invalidArgument, "the form's lifetime exceeds \(policy.maxLifetime)")
        }
    }

    /// Decodes the (verified) body as JSON.
    public func decodeBody<T: Decodable>(_ type: T.Type, from body: [UInt8]) throws -> T {
        do {
            return try JSONDecoder().decode(type, from: Data(body))
        } catch {
            throw TiplineCoreError(.invalidEncoding, "the form body is not the expected JSON")
        }
    }

    static let formEncoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        return encoder
    }()

    enum CodingKeys: String, CodingKey {
        case body, signature
        case createdAt = "created_at"
        case notValidAfter = "not_valid_after"
        case signingKey = "signing_pk"
    }

    /// Decodes the wire JSON, rejecting a field whose Base64, hex, timestamp or key length is malformed.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        func field<T>(_ key: CodingKeys, _ parse: (String) throws -> T) throws -> T {
            let text = try container.decode(String.self, forKey: key)
            do { return try parse(text) } catch {
                throw DecodingError.dataCorruptedError(forKey: key, in: container, debugDescription: "\(error)")
            }
        }
        body = try field(.body, Base64.decode)
        signature = try field(.signature, Signature.init(hex:))
        createdAt = try field(.createdAt, Timestamp.init(rfc3339:))
        notValidAfter = try field(.notValidAfter, Timestamp.init(rfc3339:))
        signingKey = try field(.signingKey) { text in
            let bytes = try Hex.decode(text)
            try requireLength(bytes.count, is: keyLength, "a signing key")
            return bytes
        }
    }

    /// Encodes the wire JSON: the body in padded Base64, signature and key in hex, times in RFC 3339.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(Base64.encodePadded(body), forKey: .body)
        try container.encode(signature.hex, forKey: .signature)
        try container.encode(createdAt.rfc3339, forKey: .createdAt)
        try container.encode(notValidAfter.rfc3339, forKey: .notValidAfter)
        try container.encode(Hex.encode(signingKey), forKey: .signingKey)
    }

    private init(
        body: [UInt8], signature: Signature, createdAt: Timestamp, notValidAfter: Timestamp, signingKey: [UInt8]
    ) {
        self.body = body
        self.signature = signature
        self.createdAt = createdAt
        self.notValidAfter = notValidAfter
        self.signingKey = signingKey
    }
}
