/// Which list a dead drop belongs to.
public enum DeadDropKind: String, Sendable, Hashable, CaseIterable {
    /// Journalist → reader replies: 553-byte J2U messages, no epoch.
    case user
    /// Reader → journalist messages: 633-byte C2J messages, with an epoch.
    case journalist

    /// Size of one message in this kind of dead drop.
    public var messageLength: Int {
        switch self {
        case .user: MessageSizes.journalistToUserEncrypted
        case .journalist: MessageSizes.coverNodeToJournalistEncrypted
        }
    }
}

/// A batch of fixed-size messages published by the CoverNode and signed with its identity key
/// (signature data "V2", `spec/PROTOCOL.md` §5.2).
public struct DeadDrop: Hashable, Sendable {
    /// User or journalist dead drop.
    public let kind: DeadDropKind
    /// The messages, concatenated without header.
    public let data: [UInt8]
    /// The CoverNode's signing time (only whole seconds are signed).
    public let createdAt: Timestamp
    /// The CoverNode identity key's signature over ``signatureData(kind:data:createdAt:epoch:)``.
    public let signature: Signature
    /// For journalist dead drops: max(epoch of the C2J key, epoch of the signing key).
    public let epoch: Int32?

    /// Wraps a received dead drop, checking its shape (not its signature).
    /// - Throws: `TiplineCoreError` when the data is not a whole number of messages or the epoch does not fit the kind.
    public init(kind: DeadDropKind, data: [UInt8], createdAt: Timestamp, signature: Signature, epoch: Int32?) throws {
        guard data.count % kind.messageLength == 0 else {
            throw TiplineCoreError(
                .invalidLength, "dead-drop data is not a whole number of \(kind.messageLength)-byte messages")
        }
        guard (kind == .journalist) == (epoch != nil) else {
            throw TiplineCoreError(.invalidArgument, "only journalist dead drops carry an epoch")
        }
        self.kind = kind
        self.data = data
        self.createdAt = createdAt
        self.signature = signature
        self.epoch = epoch
    }

    /// Serializes `messages` and signs them.
    public static func sign(
        kind: DeadDropKind, messages: [[UInt8]], createdAt: Timestamp, epoch: Int32?,
        with identity: SigningKeyPair<Role.CoverNodeIdentity>
    ) throws -> DeadDrop {
        guard messages.allSatisfy({ $0.count == kind.messageLength }) else {
            throw TiplineCoreError(.invalidLength, "every \(kind) dead-drop message is \(kind.messageLength) bytes")
        }
        let data = messages.flatMap { $0 }
        let digest = signatureData(kind: kind, data: data, createdAt: createdAt, epoch: epoch)
        return try DeadDrop(
            kind: kind, data: data, createdAt: createdAt, signature: identity.sign(digest), epoch: epoch)
    }

    /// `SHA-256(data ‖ i64_BE(created_at seconds) [‖ i32_BE(epoch)])`: the 32 bytes that are signed.
    public static func signatureData(kind: DeadDropKind, data: [UInt8], createdAt: Timestamp, epoch: Int32?) -> [UInt8]
    {
        var message = data + withUnsafeBytes(of: createdAt.seconds.bigEndian, Array.init)
        if kind == .journalist { message += withUnsafeBytes(of: (epoch ?? 0).bigEndian, Array.init) }
        return Hashing.sha256(message)
    }

    /// Whether any of `identityKeys` (unexpired at `now`) signed this dead drop.
    public func isSigned(
        byAnyOf identityKeys: [SignedPublicKey<SigningPublicKey<Role.CoverNodeIdentity>>], at now: Timestamp
    ) -> Bool {
        let digest = Self.signatureData(kind: kind, data: data, createdAt: createdAt, epoch: epoch)
        return identityKeys.contains { $0.isValid(at: now) && $0.key.isValidSignature(signature, for: digest) }
    }

    /// How far after the verifier's clock a dead drop may be dated (CoverDrop's clients allow seven days).
    public static let maxClockSkew: Duration = .seconds(7 * 86_400)

    /// Whether a CoverNode identity key of `keys` that was valid when this dead drop was created signed it, and
    /// ``createdAt`` is at most `maxClockSkew` after `keys`' ``VerifiedKeys/verifiedAt``.
    ///
    /// Unlike CoverDrop (`spec/PROTOCOL.md` §5.2), the signer is checked at ``createdAt`` rather than now: a dead
    /// drop stays verifiable after its signer expired, as long as `keys` keeps expired keys
    /// (``VerifiedKeys/expiredKeyRetention``) and the API still publishes them.
    public func isSigned(by keys: VerifiedKeys, maxClockSkew: Duration = DeadDrop.maxClockSkew) -> Bool {
        guard createdAt.duration(since: keys.verifiedAt) <= maxClockSkew else { return false }
        return isSigned(byAnyOf: keys.coverNodeIdentityKeys(validAt: createdAt), at: createdAt)
    }

    /// The individual messages (slices of ``data``).
    public var messages: [ArraySlice<UInt8>] {
        stride(from: 0, to: data.count, by: kind.messageLength).map { data[$0..<$0 + kind.messageLength] }
    }
}
