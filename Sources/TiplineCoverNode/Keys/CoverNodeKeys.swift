package import TiplineCore

/// Everything the CoverNode keeps secret: its identity and messaging key pairs with their certificates and epochs,
/// its CoverNode id and the organisation keys it trusts. A value type; ``CoverNodeKeyring`` owns the live copy and
/// ``CoverNodeKeyStore`` persists it.
package struct CoverNodeKeys: Sendable {
    /// A key pair the CoverNode holds, with its certificate, its epoch and when it was added.
    package struct Entry<KeyPair: Sendable, PublicKey: PublicKeyProtocol>: Sendable {
        /// The key pair.
        package let keyPair: KeyPair
        /// Its certificate: from a CoverNode provisioning key for an identity, from one of the CoverNode's identity
        /// keys for a messaging key.
        package let certificate: SignedPublicKey<PublicKey>
        /// The epoch the API assigned on upload; `nil` until the upload is confirmed (for a messaging key: a
        /// candidate the API does not publish yet).
        package var epoch: Int32?
        /// When the CoverNode stored or created it (messaging-key rotation is measured from here).
        package let addedAt: Timestamp

        /// Creates an entry.
        package init(keyPair: KeyPair, certificate: SignedPublicKey<PublicKey>, epoch: Int32?, addedAt: Timestamp) {
            self.keyPair = keyPair
            self.certificate = certificate
            self.epoch = epoch
            self.addedAt = addedAt
        }
    }

    /// An identity key pair (Ed25519): signs dead drops and the CoverNode's messaging keys.
    package typealias Identity = Entry<SigningKeyPair<Role.CoverNodeIdentity>, SigningPublicKey<Role.CoverNodeIdentity>>
    /// A messaging key pair (X25519): opens U2C and J2C messages and sends C2J messages.
    package typealias Messaging = Entry<
        EncryptionKeyPair<Role.CoverNodeMessaging>, EncryptionPublicKey<Role.CoverNodeMessaging>
    >

    /// `covernode_001`.
    package var coverNodeId: String
    /// The organisation keys `GET /v1/public-keys` is verified against.
    package var trustAnchors: [SignedPublicKey<SigningPublicKey<Role.Organization>>]
    /// Identity keys, oldest first.
    package var identities: [Identity]
    /// Messaging keys, oldest first.
    package var messaging: [Messaging]

    /// Creates a key set.
    package init(
        coverNodeId: String, trustAnchors: [SignedPublicKey<SigningPublicKey<Role.Organization>>],
        identities: [Identity] = [], messaging: [Messaging] = []
    ) {
        self.coverNodeId = coverNodeId
        self.trustAnchors = trustAnchors
        self.identities = identities
        self.messaging = messaging
    }

    /// The identity that signs: the unexpired, published one with the latest expiry.
    package func signingIdentity(at now: Timestamp) -> Identity? { Self.latestPublished(identities, at: now) }

    /// The key C2J messages are sent from: the unexpired messaging key with the latest expiry among those the API
    /// already publishes (epoch known), so journalists can always find it.
    package func sendingKey(at now: Timestamp) -> Messaging? { Self.latestPublished(messaging, at: now) }

    /// The unexpired entry with the latest expiry among those the API publishes (epoch known).
    private static func latestPublished<P, K>(_ entries: [Entry<P, K>], at now: Timestamp) -> Entry<P, K>? {
        entries.filter { $0.epoch != nil && $0.certificate.isValid(at: now) }
            .max { $0.certificate.notValidAfter < $1.certificate.notValidAfter }
    }

    /// A messaging key made but not yet confirmed by the API.
    package var candidate: Messaging? { messaging.last { $0.epoch == nil } }

    /// Every unexpired messaging key pair, newest expiry first (candidates included: the API may already publish a
    /// key whose upload answer was lost).
    package func decryptionKeys(at now: Timestamp) -> [EncryptionKeyPair<Role.CoverNodeMessaging>] {
        messaging.filter { $0.certificate.isValid(at: now) }
            .sorted { $0.certificate.notValidAfter > $1.certificate.notValidAfter }
            .map(\.keyPair)
    }

    /// Forgets expired keys; returns whether anything was removed.
    @discardableResult
    package mutating func removeExpired(at now: Timestamp) -> Bool {
        let before = identities.count + messaging.count
        identities.removeAll { !$0.certificate.isValid(at: now) }
        messaging.removeAll { !$0.certificate.isValid(at: now) }
        return identities.count + messaging.count != before
    }
}
