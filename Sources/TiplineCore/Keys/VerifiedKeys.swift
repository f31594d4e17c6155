/// The subset of a published key hierarchy that verifies against trust anchors at a given time
/// (`spec/PROTOCOL.md` §4.5). A failing key drops only itself and what it certifies.
///
/// The public collections hold what is valid at ``verifiedAt``. Keys that expired within ``expiredKeyRetention``
/// before it are kept aside for checking what they signed or encrypted while they were valid: see
/// ``coverNodeIdentityKeys(validAt:)``, ``coverNodeMessagingKeys(validAt:)`` and
/// ``messagingKeys(forJournalist:validAt:)``.
public struct VerifiedKeys: Sendable {
    /// A verified identity key and its verified messaging keys.
    public struct Identity<IdentityRole: KeyRole, MessagingRole: KeyRole>: Sendable {
        /// The identity key.
        public let identityKey: SignedPublicKey<SigningPublicKey<IdentityRole>>
        /// Its verified messaging keys.
        public let messagingKeys: [SignedPublicKey<EncryptionPublicKey<MessagingRole>>]
        /// The earliest expiry on the certificate chain from the organisation key to ``identityKey``: neither the
        /// identity key nor its messaging keys are valid after it.
        public let chainNotValidAfter: Timestamp

        /// The identity as it stood at `instant`: `nil` when its chain had expired, else with the messaging keys
        /// still valid then.
        func valid(at instant: Timestamp) -> Identity? {
            guard instant <= chainNotValidAfter else { return nil }
            return Identity(
                identityKey: identityKey, messagingKeys: messagingKeys.filter { $0.isValid(at: instant) },
                chainNotValidAfter: chainNotValidAfter)
        }
    }

    private typealias CoverNodeIdentity = Identity<Role.CoverNodeIdentity, Role.CoverNodeMessaging>
    private typealias JournalistIdentity = Identity<Role.JournalistIdentity, Role.JournalistMessaging>

    /// Verified organisation keys.
    public private(set) var organizationKeys: [SignedPublicKey<SigningPublicKey<Role.Organization>>] = []
    /// Verified CoverNode provisioning keys.
    public private(set) var coverNodeProvisioningKeys: [SignedPublicKey<SigningPublicKey<Role.CoverNodeProvisioning>>] =
        []
    /// Verified journalist provisioning keys.
    public private(set) var journalistProvisioningKeys:
        [SignedPublicKey<SigningPublicKey<Role.JournalistProvisioning>>] = []
    /// Verified CoverNode identities by CoverNode id.
    public private(set) var coverNodes: [String: [Identity<Role.CoverNodeIdentity, Role.CoverNodeMessaging>]] = [:]
    /// Verified journalist identities by journalist id.
    public private(set) var journalists: [String: [Identity<Role.JournalistIdentity, Role.JournalistMessaging>]] = [:]
    /// Verified backup identities.
    public private(set) var backups: [Identity<Role.BackupIdentity, Role.BackupMessaging>] = []
    /// The response's `max_epoch` (unsigned; used only for the journalist's staleness gate).
    public let maxEpoch: Int32
    /// The instant the keys were verified at: the public collections hold what is valid then.
    public let verifiedAt: Timestamp
    /// How long before ``verifiedAt`` a key may have expired and still be kept for what it did while valid.
    public let expiredKeyRetention: Duration
    private var coverNodeHistory: [String: [CoverNodeIdentity]] = [:]
    private var journalistHistory: [String: [JournalistIdentity]] = [:]

    /// Verifies `response` against `trustAnchors` at `now`.
    /// - Parameters:
    ///   - response: the published hierarchy.
    ///   - trustAnchors: the organisation keys to trust (each must match a family's key exactly).
    ///   - now: the instant of verification; the public collections hold what is valid then.
    ///   - expiredKeyRetention: also keep CoverNode and journalist keys whose chain expired at most this long before
    ///     `now`, for verifying dead drops by their creation time (zero: only keys valid at `now`).
    public init(
        _ response: PublicKeysResponse, trustAnchors: [SignedPublicKey<SigningPublicKey<Role.Organization>>],
        now: Timestamp, expiredKeyRetention: Duration = .zero
    ) {
        maxEpoch = response.maxEpoch
        verifiedAt = now
        self.expiredKeyRetention = max(expiredKeyRetention, .zero)
        let since = now.adding(.zero - self.expiredKeyRetention)
        var backupHistory: [Identity<Role.BackupIdentity, Role.BackupMessaging>] = []
        for family in response.keys {
            guard let org = try? SignedPublicKey<SigningPublicKey<Role.Organization>>(json: family.orgPk),
                trustAnchors.contains(org),
                org.isCertified(by: org.key, at: since, signerNotValidAfter: org.notValidAfter)
            else { continue }
            let root = Certified(key: org, chainNotValidAfter: org.notValidAfter)
            if root.isValid(at: now) { organizationKeys.append(org) }
            for provisioning in family.covernodes {
                Self.collect(
                    provisioning.provisioningPk, certifying: provisioning.covernodes, idIsValid: CoverNodeID.isValid,
                    signer: root, since: since, now: now, keys: &coverNodeProvisioningKeys, history: &coverNodeHistory)
            }
            for provisioning in family.journalists {
                Self.collect(
                    provisioning.provisioningPk, certifying: provisioning.journalists,
                    idIsValid: { (try? JournalistID.validate($0)) != nil }, signer: root, since: since, now: now,
                    keys: &journalistProvisioningKeys, history: &journalistHistory)
            }
            backupHistory += (family.backup ?? []).compactMap { Self.identity($0, signer: root, since) }
        }
        coverNodeHistory = coverNodeHistory.filter { !$0.value.isEmpty }
        journalistHistory = journalistHistory.filter { !$0.value.isEmpty }
        coverNodes = Self.valid(coverNodeHistory, at: now)
        journalists = Self.valid(journalistHistory, at: now)
        backups = backupHistory.compactMap { $0.valid(at: now) }
    }

    /// A verified key and the earliest expiry on its chain from the organisation key.
    private struct Certified<Key: PublicKeyProtocol> {
        let key: SignedPublicKey<Key>
        let chainNotValidAfter: Timestamp

        func isValid(at instant: Timestamp) -> Bool { instant <= chainNotValidAfter }
    }

    /// `json` if `signer` certified it and the chain through both is still valid at `since`.
    private static func check<K: PublicKeyProtocol, S>(
        _ json: SignedPublicKeyJSON, as: K.Type, signer: Certified<SigningPublicKey<S>>, _ since: Timestamp
    ) -> Certified<K>? {
        guard let key = try? SignedPublicKey<K>(json: json),
            key.isCertified(by: signer.key.key, at: since, signerNotValidAfter: signer.chainNotValidAfter)
        else { return nil }
        return Certified(key: key, chainNotValidAfter: min(key.notValidAfter, signer.chainNotValidAfter))
    }

    /// Checks the provisioning key `json` against `signer`; when it verifies, appends it to `keys` if valid at `now`
    /// and adds the identities it certified under each id that passes `idIsValid` to `history`.
    private static func collect<P: KeyRole, I, M>(
        _ json: SignedPublicKeyJSON, certifying families: [String: [PublicKeysResponse.IdentityFamily]],
        idIsValid: (String) -> Bool, signer: Certified<SigningPublicKey<Role.Organization>>, since: Timestamp,
        now: Timestamp, keys: inout [SignedPublicKey<SigningPublicKey<P>>], history: inout [String: [Identity<I, M>]]
    ) {
        guard let parent = check(json, as: SigningPublicKey<P>.self, signer: signer, since) else { return }
        if parent.isValid(at: now) { keys.append(parent.key) }
        for (id, identities) in families where idIsValid(id) {
            history[id, default: []] += identities.compactMap { identity($0, signer: parent, since) }
        }
    }

    private static func identity<I, M, S>(
        _ family: PublicKeysResponse.IdentityFamily, signer: Certified<SigningPublicKey<S>>, _ since: Timestamp
    ) -> Identity<I, M>? {
        guard let id = check(family.idPk, as: SigningPublicKey<I>.self, signer: signer, since) else { return nil }
        return Identity(
            identityKey: id.key,
            messagingKeys: family.msgPks.compactMap {
                check($0, as: EncryptionPublicKey<M>.self, signer: id, since)?.key
            },
            chainNotValidAfter: id.chainNotValidAfter)
    }

    private static func valid<I, M>(
        _ history: [String: [Identity<I, M>]], at instant: Timestamp
    ) -> [String: [Identity<I, M>]] {
        history.mapValues { $0.compactMap { $0.valid(at: instant) } }.filter { !$0.value.isEmpty }
    }
}

extension VerifiedKeys {
    /// The CoverNode identity keys whose whole certificate chain was valid at `instant`, including keys that have
    /// expired since (within ``expiredKeyRetention``): the keys that may have signed a dead drop created then.
    public func coverNodeIdentityKeys(
        validAt instant: Timestamp
    ) -> [SignedPublicKey<SigningPublicKey<Role.CoverNodeIdentity>>] {
        coverNodeHistory.values.flatMap { $0.compactMap { $0.valid(at: instant)?.identityKey } }
    }

    /// The CoverNode messaging keys valid at `instant` (with the same retention): the keys a CoverNode may have
    /// boxed a dead drop's messages with when it made it then.
    public func coverNodeMessagingKeys(
        validAt instant: Timestamp
    ) -> [SignedPublicKey<EncryptionPublicKey<Role.CoverNodeMessaging>>] {
        coverNodeHistory.values.flatMap { $0.flatMap { $0.valid(at: instant)?.messagingKeys ?? [] } }
    }

    /// A journalist's messaging keys valid at `instant` (with the same retention): the keys a reply made then may
    /// come from.
    public func messagingKeys(
        forJournalist id: String, validAt instant: Timestamp
    ) -> [SignedPublicKey<EncryptionPublicKey<Role.JournalistMessaging>>] {
        journalistHistory[id]?.flatMap { $0.valid(at: instant)?.messagingKeys ?? [] } ?? []
    }
}

extension VerifiedKeys {
    /// The latest messaging key (max `not_valid_after`) of each CoverNode, ordered by CoverNode id: the input of
    /// ``CoverNodeKeySelection``.
    public var latestCoverNodeMessagingKeys: [EncryptionPublicKey<Role.CoverNodeMessaging>] {
        coverNodes.keys.sorted().compactMap { id in
            coverNodes[id]?.flatMap(\.messagingKeys).max { $0.notValidAfter < $1.notValidAfter }?.key
        }
    }

    /// Every verified CoverNode messaging key.
    public var allCoverNodeMessagingKeys: [SignedPublicKey<EncryptionPublicKey<Role.CoverNodeMessaging>>] {
        coverNodes.values.flatMap { $0.flatMap(\.messagingKeys) }
    }

    /// Every verified CoverNode identity key: any of them may sign a dead drop.
    public var allCoverNodeIdentityKeys: [SignedPublicKey<SigningPublicKey<Role.CoverNodeIdentity>>] {
        coverNodes.values.flatMap { $0.map(\.identityKey) }
    }

    /// The key a reader encrypts to: the journalist's messaging key with the latest expiry.
    public func latestMessagingKey(forJournalist id: String) -> EncryptionPublicKey<Role.JournalistMessaging>? {
        messagingKeys(forJournalist: id).max { $0.notValidAfter < $1.notValidAfter }?.key
    }

    /// All verified messaging keys of a journalist (readers trial-decrypt replies with each of them).
    public func messagingKeys(
        forJournalist id: String
    ) -> [SignedPublicKey<EncryptionPublicKey<Role.JournalistMessaging>>] {
        journalists[id]?.flatMap(\.messagingKeys) ?? []
    }

    /// All verified identity keys of a journalist (a form signer must be one of them).
    public func identityKeys(forJournalist id: String) -> [SignedPublicKey<SigningPublicKey<Role.JournalistIdentity>>] {
        journalists[id]?.map(\.identityKey) ?? []
    }

    /// Whether nothing at all verified.
    public var isEmpty: Bool { organizationKeys.isEmpty }
}

/// CoverNode identifiers: `covernode_` followed by three digits.
public enum CoverNodeID {
    /// Whether `id` is a well-formed CoverNode id.
    public static func isValid(_ id: String) -> Bool {
        let chars = Array(id.utf8)
        return chars.count == 13 && id.hasPrefix("covernode_") && chars[10...].allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
    }

    /// The id of CoverNode number `number` (`covernode_001`).
    public static func make(_ number: Int) -> String {
        let digits = String(number)
        return "covernode_" + String(repeating: "0", count: max(0, 3 - digits.count)) + digits
    }
}
