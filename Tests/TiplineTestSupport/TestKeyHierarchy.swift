package import TiplineCore

/// A freshly generated CoverDrop key hierarchy for tests, valid from ``now``: a self-signed organisation key (the
/// trust anchor), the journalist and CoverNode provisioning keys it certifies, one CoverNode (``coverNodeId``) with
/// an identity and a messaging key, and the ``journalists`` added at creation or with
/// ``addJournalist(_:messagingKeys:identityValidity:messagingValidity:)``. Every key is certified for its
/// ``KeyLifetimes`` lifetime from ``now`` unless told otherwise.
package struct TestKeyHierarchy: Sendable {
    /// The id the CoverNode is published under.
    package static let coverNodeId = "covernode_001"

    /// The time every key is certified from.
    package let now: Timestamp
    /// The organisation's key pair.
    package let organization: SigningKeyPair<Role.Organization>
    /// The organisation's self-signed public key: the trust anchor.
    package let anchor: SignedPublicKey<SigningPublicKey<Role.Organization>>
    /// The journalist provisioning key pair, which certifies journalist identity keys.
    package let journalistProvisioning: SigningKeyPair<Role.JournalistProvisioning>
    /// The journalist provisioning public key, certified by the organisation.
    package let journalistProvisioningKey: SignedPublicKey<SigningPublicKey<Role.JournalistProvisioning>>
    /// The CoverNode provisioning key pair, which certifies CoverNode identity keys.
    package let coverNodeProvisioning: SigningKeyPair<Role.CoverNodeProvisioning>
    /// The CoverNode provisioning public key, certified by the organisation.
    package let coverNodeProvisioningKey: SignedPublicKey<SigningPublicKey<Role.CoverNodeProvisioning>>
    /// The CoverNode's identity key pair, which certifies its messaging keys and signs dead drops.
    package let coverNodeIdentity: SigningKeyPair<Role.CoverNodeIdentity>
    /// The CoverNode's identity public key, certified by the CoverNode provisioning key.
    package let coverNodeIdentityKey: SignedPublicKey<SigningPublicKey<Role.CoverNodeIdentity>>
    /// The CoverNode's messaging key pair.
    package let coverNodeMessaging: EncryptionKeyPair<Role.CoverNodeMessaging>
    /// The CoverNode's messaging public key, certified by its identity key.
    package let coverNodeMessagingKey: SignedPublicKey<EncryptionPublicKey<Role.CoverNodeMessaging>>
    /// The journalists, in the order they were added.
    package private(set) var journalists: [Journalist] = []

    /// Generates a hierarchy valid from `now`, with a journalist for each of `journalistIds` (one messaging key each,
    /// default lifetimes). The CoverNode identity key is valid for `coverNodeIdentityValidity`; its messaging key does
    /// not outlive it.
    package init(
        now: Timestamp, journalistIds: [String] = [],
        coverNodeIdentityValidity: Duration = KeyLifetimes.coverNodeIdentity
    ) throws {
        self.now = now
        let longTerm = now.adding(KeyLifetimes.longTerm)
        organization = try .generate()
        anchor = try organization.selfSigned(notValidAfter: longTerm)
        journalistProvisioning = try .generate()
        journalistProvisioningKey = try organization.certify(journalistProvisioning.publicKey, notValidAfter: longTerm)
        coverNodeProvisioning = try .generate()
        coverNodeProvisioningKey = try organization.certify(coverNodeProvisioning.publicKey, notValidAfter: longTerm)
        coverNodeIdentity = try .generate()
        coverNodeIdentityKey = try coverNodeProvisioning.certify(
            coverNodeIdentity.publicKey, notValidAfter: now.adding(coverNodeIdentityValidity))
        coverNodeMessaging = try .generate()
        coverNodeMessagingKey = try coverNodeIdentity.certify(
            coverNodeMessaging.publicKey,
            notValidAfter: min(now.adding(KeyLifetimes.messaging), coverNodeIdentityKey.notValidAfter))
        for id in journalistIds { try addJournalist(id) }
    }

    /// Adds (or replaces) the journalist `id` with a fresh identity key valid for `identityValidity` and
    /// `messagingKeys` (at least one) fresh messaging keys. The latest messaging key is valid for
    /// `messagingValidity`; each earlier one expires an hour before the next. No messaging key outlives the identity
    /// key.
    @discardableResult
    package mutating func addJournalist(
        _ id: String, messagingKeys: Int = 1, identityValidity: Duration = KeyLifetimes.journalistIdentity,
        messagingValidity: Duration = KeyLifetimes.messaging
    ) throws -> Journalist {
        let identity = try SigningKeyPair<Role.JournalistIdentity>.generate()
        let identityKey = try journalistProvisioning.certify(
            identity.publicKey, notValidAfter: now.adding(identityValidity))
        let count = max(messagingKeys, 1)
        let messaging = try (0..<count).map { _ in try EncryptionKeyPair<Role.JournalistMessaging>.generate() }
        let certified = try messaging.enumerated().map { index, pair in
            let expiry = now.adding(messagingValidity - .seconds(3600 * (count - 1 - index)))
            return try identity.certify(pair.publicKey, notValidAfter: min(expiry, identityKey.notValidAfter))
        }
        let journalist = Journalist(
            id: id, identity: identity, identityKey: identityKey, messaging: messaging, messagingKeys: certified)
        journalists.removeAll { $0.id == id }
        journalists.append(journalist)
        return journalist
    }

    /// The journalist `id`, if there is one.
    package func journalist(_ id: String) -> Journalist? { journalists.first { $0.id == id } }

    /// The body of `GET /v1/public-keys` for this hierarchy, with `profiles` and `defaultJournalistId` as given.
    package func response(
        maxEpoch: Int32 = 1, profiles: [JournalistProfile] = [], defaultJournalistId: String? = nil
    ) -> PublicKeysResponse {
        let coverNode = PublicKeysResponse.IdentityFamily(
            idPk: coverNodeIdentityKey.json, msgPks: [coverNodeMessagingKey.json])
        let journalistFamilies = journalists.map { journalist in
            (
                journalist.id,
                [
                    PublicKeysResponse.IdentityFamily(
                        idPk: journalist.identityKey.json, msgPks: journalist.messagingKeys.map(\.json))
                ]
            )
        }
        return PublicKeysResponse(
            journalistProfiles: profiles, defaultJournalistId: defaultJournalistId,
            keys: [
                .init(
                    orgPk: anchor.json,
                    covernodes: [
                        .init(
                            provisioningPk: coverNodeProvisioningKey.json, covernodes: [Self.coverNodeId: [coverNode]])
                    ],
                    journalists: [
                        .init(
                            provisioningPk: journalistProvisioningKey.json,
                            journalists: Dictionary(uniqueKeysWithValues: journalistFamilies))
                    ])
            ], maxEpoch: maxEpoch)
    }

    /// ``response(maxEpoch:profiles:defaultJournalistId:)`` verified as a client would, against ``anchor`` at
    /// ``now``.
    package func verifiedKeys(maxEpoch: Int32 = 1) -> VerifiedKeys {
        VerifiedKeys(response(maxEpoch: maxEpoch), trustAnchors: [anchor], now: now)
    }
}
