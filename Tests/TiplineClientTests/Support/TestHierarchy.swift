import Foundation
import TiplineCore

/// A freshly generated key hierarchy valid from `now`: one organisation, one CoverNode, and journalists with one or
/// more messaging keys each.
struct TestHierarchy: Sendable {
    /// A journalist's secrets and certified public keys.
    struct Journalist: Sendable {
        let id: String
        let identity: SigningKeyPair<Role.JournalistIdentity>
        let identityKey: SignedPublicKey<SigningPublicKey<Role.JournalistIdentity>>
        let messaging: [EncryptionKeyPair<Role.JournalistMessaging>]
        let messagingKeys: [SignedPublicKey<EncryptionPublicKey<Role.JournalistMessaging>>]

        /// The key readers encrypt to (latest expiry).
        var latestMessaging: EncryptionKeyPair<Role.JournalistMessaging> { messaging[messaging.count - 1] }
    }

    let now: Timestamp
    let organization: SigningKeyPair<Role.Organization>
    let anchor: SignedPublicKey<SigningPublicKey<Role.Organization>>
    let coverNodeProvisioningKey: SignedPublicKey<SigningPublicKey<Role.CoverNodeProvisioning>>
    let coverNodeIdentity: SigningKeyPair<Role.CoverNodeIdentity>
    let coverNodeIdentityKey: SignedPublicKey<SigningPublicKey<Role.CoverNodeIdentity>>
    let coverNodeMessaging: EncryptionKeyPair<Role.CoverNodeMessaging>
    let coverNodeMessagingKey: SignedPublicKey<EncryptionPublicKey<Role.CoverNodeMessaging>>
    let journalistProvisioningKey: SignedPublicKey<SigningPublicKey<Role.JournalistProvisioning>>
    let journalists: [Journalist]

    /// `journalists` maps ids to their number of messaging keys (expiries one hour apart, the last is the latest).
    init(now: Timestamp, journalists spec: [(id: String, messagingKeys: Int)] = [("alice", 1)]) throws {
        self.now = now
        let year = now.adding(KeyLifetimes.longTerm)
        organization = try .generate()
        anchor = try organization.selfSigned(notValidAfter: year)
        let coverNodeProvisioning = try SigningKeyPair<Role.CoverNodeProvisioning>.generate()
        coverNodeProvisioningKey = try organization.certify(coverNodeProvisioning.publicKey, notValidAfter: year)
        coverNodeIdentity = try .generate()
        coverNodeIdentityKey = try coverNodeProvisioning.certify(
            coverNodeIdentity.publicKey, notValidAfter: now.adding(KeyLifetimes.coverNodeIdentity))
        coverNodeMessaging = try .generate()
        coverNodeMessagingKey = try coverNodeIdentity.certify(
            coverNodeMessaging.publicKey, notValidAfter: now.adding(KeyLifetimes.messaging))
        let journalistProvisioning = try SigningKeyPair<Role.JournalistProvisioning>.generate()
        journalistProvisioningKey = try organization.certify(journalistProvisioning.publicKey, notValidAfter: year)
        journalists = try spec.map { entry in
            let identity = try SigningKeyPair<Role.JournalistIdentity>.generate()
            let identityKey = try journalistProvisioning.certify(
                identity.publicKey, notValidAfter: now.adding(KeyLifetimes.journalistIdentity))
            let messaging = try (0..<entry.messagingKeys).map { _ in
                try EncryptionKeyPair<Role.JournalistMessaging>.generate()
            }
            let messagingKeys = try messaging.enumerated().map { index, pair in
                try identity.certify(
                    pair.publicKey,
                    notValidAfter: now.adding(KeyLifetimes.messaging - .seconds(3600 * (entry.messagingKeys - index))))
            }
            return Journalist(
                id: entry.id, identity: identity, identityKey: identityKey, messaging: messaging,
                messagingKeys: messagingKeys)
        }
    }

    func journalist(_ id: String) -> Journalist? { journalists.first { $0.id == id } }

    /// Visible profiles of every journalist (the first is a desk when `firstIsDesk`).
    func profiles(firstIsDesk: Bool = false) throws -> [JournalistProfile] {
        try journalists.enumerated().map { index, journalist in
            try JournalistProfile(
                id: journalist.id, displayName: journalist.id.capitalized, sortName: journalist.id,
                description: "Reporter", isDesk: firstIsDesk && index == 0, status: "VISIBLE")
        }
    }

    /// The body of `GET /v1/public-keys` for this hierarchy.
    func response() throws -> PublicKeysResponse {
        PublicKeysResponse(
            journalistProfiles: try profiles(), defaultJournalistId: journalists.first?.id,
            keys: [
                .init(
                    orgPk: anchor.json,
                    covernodes: [
                        .init(
                            provisioningPk: coverNodeProvisioningKey.json,
                            covernodes: [
                                "covernode_001": [
                                    .init(idPk: coverNodeIdentityKey.json, msgPks: [coverNodeMessagingKey.json])
                                ]
                            ])
                    ],
                    journalists: [
                        .init(
                            provisioningPk: journalistProvisioningKey.json,
                            journalists: Dictionary(
                                uniqueKeysWithValues: journalists.map { journalist in
                                    (
                                        journalist.id,
                                        [
                                            .init(
                                                idPk: journalist.identityKey.json,
                                                msgPks: journalist.messagingKeys.map(\.json))
                                        ]
                                    )
                                }))
                    ])
            ], maxEpoch: 1)
    }

    /// The keys verified as a client would, at `now`.
    func verifiedKeys() throws -> VerifiedKeys { VerifiedKeys(try response(), trustAnchors: [anchor], now: now) }

    /// A signed user dead drop of `count` messages: `replies` first, then fillers.
    func userDeadDrop(replies: [[UInt8]], count: Int = 20, createdAt: Timestamp) throws -> DeadDrop {
        let fillers = try (replies.count..<max(count, replies.count)).map { _ in try JournalistToUserMessage.filler() }
        return try DeadDrop.sign(
            kind: .user, messages: replies + fillers, createdAt: createdAt, epoch: nil, with: coverNodeIdentity)
    }
}
