import TiplineCore
import TiplineCoverNode

extension CoverNodeKeys {
    /// Keys of `covernode_001` under `trustAnchor`: a fresh identity certified by a fresh provisioning key and a fresh
    /// messaging key certified by the identity, both added at `now` with the given epochs.
    static func generated(
        trustAnchor: SignedPublicKey<SigningPublicKey<Role.Organization>>, now: Timestamp, identityEpoch: Int32?,
        messagingEpoch: Int32?
    ) throws -> CoverNodeKeys {
        let provisioning = try SigningKeyPair<Role.CoverNodeProvisioning>.generate()
        let identity = try SigningKeyPair<Role.CoverNodeIdentity>.generate()
        let identityKey = try provisioning.certify(
            identity.publicKey, notValidAfter: now.adding(KeyLifetimes.coverNodeIdentity))
        let messaging = try EncryptionKeyPair<Role.CoverNodeMessaging>.generate()
        return CoverNodeKeys(
            coverNodeId: "covernode_001", trustAnchors: [trustAnchor],
            identities: [.init(keyPair: identity, certificate: identityKey, epoch: identityEpoch, addedAt: now)],
            messaging: [
                .init(
                    keyPair: messaging,
                    certificate: try identity.certify(
                        messaging.publicKey, notValidAfter: now.adding(KeyLifetimes.messaging)),
                    epoch: messagingEpoch, addedAt: now)
            ])
    }
}
