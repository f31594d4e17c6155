/// The subset of a published key hierarchy that verifies against trust anchors at a given time
/// (`spec/PROTOCOL.md` §4.5). A failing key drops only itself and what it certifies.
public struct VerifiedKeys: Sendable {
    /// A verified identity key and its verified messaging keys.
    public struct Identity<IdentityRole: KeyRole, MessagingRole: KeyRole>: Sendable {
        /// The identity key.
        public let identityKey: SignedPublicKey<SigningPublicKey<IdentityRole>>
        /// Its verified messaging keys.
        public let messagingKeys: [SignedPublicKey<EncryptionPublicKey<MessagingRole>>]
    }

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

    /// Verifies `response` against `trustAnchors` at `now`.
    public init(
        _ response: PublicKeysResponse, trustAnchors: [SignedPublicKey<SigningPublicKey<Role.Organization>>],
        now: Timestamp
    ) {
        maxEpoch = response.maxEpoch
        for family in response.keys {
            guard let org = try? SignedPublicKey<SigningPublicKey<Role.Organization>>(json: family.orgPk),
                trustAnchors.contains(org),
                org.isCertified(by: org.key, at: now, signerNotValidAfter: org.notValidAfter)
            else { continue }
            organizationKeys.append(org)
            for provisioning in family.covernodes {
                guard
                    let parent = Self.check(
                        provisioning.provisioningPk, as: SigningPublicKey<Role.CoverNodeProvisioning>.self, signer: org,
                        now)
                else { continue }
                coverNodeProvisioningKeys.append(parent)
                for (id, identities) in provisioning.covernodes where CoverNodeID.isValid(id) {
                    coverNodes[id, default: []] += identities.compactMap { Self.identity($0, signer: parent, now) }
                }
            }
            for provisioning in family.journalists {
                guard
                    let parent = Self.check(
                        provisioning.provisioningPk, as: SigningPublicKey<Role.JournalistProvisioning>.self,
                        signer: org, now)
                else { continue }
                journalistProvisioningKeys.append(parent)
                for (id, identities) in provisioning.journalists where (try? JournalistID.validate(id)) != nil {
                    journalists[id, default: []] += identities.compactMap { Self.identity($0, signer: parent, now) }
                }
            }
            backups += (family.backup ?? []).compactMap { Self.identity($0, signer: org, now) }
        }
        coverNodes = coverNodes.filter { !$0.value.isEmpty }
        journalists = journalists.filter { !$0.value.isEmpty }
    }

    private static func check<K: PublicKeyProtocol, S>(
        _ json: SignedPublicKeyJSON, as: K.Type, signer: SignedPublicKey<SigningPublicKey<S>>, _ now: Timestamp
    ) -> SignedPublicKey<K>? {
        guard let key = try? SignedPublicKey<K>(json: json),
            key.isCertified(by: signer.key, at: now, signerNotValidAfter: signer.notValidAfter)
        else { return nil }
        return key
    }

    private static func identity<I, M, S>(
        _ family: PublicKeysResponse.IdentityFamily, signer: SignedPublicKey<SigningPublicKey<S>>, _ now: Timestamp
    ) -> Identity<I, M>? {
        guard let id = check(family.idPk, as: SigningPublicKey<I>.self, signer: signer, now) else { return nil }
        return Identity(
            identityKey: id,
            messagingKeys: family.msgPks.compactMap { check($0, as: EncryptionPublicKey<M>.self, signer: id, now) })
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
