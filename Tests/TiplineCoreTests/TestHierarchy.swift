import Foundation
import TiplineCore

/// Builds key hierarchies for tests: from CoverDrop's key files, or freshly generated.
final class TestHierarchy {
    let now = Timestamp(seconds: 1_900_000_000)
    let organization: SigningKeyPair<Role.Organization>
    let anchor: SignedPublicKey<SigningPublicKey<Role.Organization>>
    let journalistProvisioning: SigningKeyPair<Role.JournalistProvisioning>
    let journalistProvisioningKey: SignedPublicKey<SigningPublicKey<Role.JournalistProvisioning>>
    let coverNodeProvisioningKey: SignedPublicKey<SigningPublicKey<Role.CoverNodeProvisioning>>
    let coverNodeIdentity: SigningKeyPair<Role.CoverNodeIdentity>
    let coverNodeIdentityKey: SignedPublicKey<SigningPublicKey<Role.CoverNodeIdentity>>
    let coverNodeMessaging: EncryptionKeyPair<Role.CoverNodeMessaging>
    let coverNodeMessagingKey: SignedPublicKey<EncryptionPublicKey<Role.CoverNodeMessaging>>
    private(set) var journalists: [String: [PublicKeysResponse.IdentityFamily]] = [:]
    private(set) var journalistMessaging: [String: EncryptionKeyPair<Role.JournalistMessaging>] = [:]

    init() throws {
        let year = now.adding(KeyLifetimes.longTerm)
        organization = try .generate()
        anchor = try organization.selfSigned(notValidAfter: year)
        journalistProvisioning = try .generate()
        journalistProvisioningKey = try organization.certify(journalistProvisioning.publicKey, notValidAfter: year)
        let coverNodeProvisioning = try SigningKeyPair<Role.CoverNodeProvisioning>.generate()
        coverNodeProvisioningKey = try organization.certify(coverNodeProvisioning.publicKey, notValidAfter: year)
        coverNodeIdentity = try .generate()
        coverNodeIdentityKey = try coverNodeProvisioning.certify(
            coverNodeIdentity.publicKey, notValidAfter: now.adding(KeyLifetimes.coverNodeIdentity))
        coverNodeMessaging = try .generate()
        coverNodeMessagingKey = try coverNodeIdentity.certify(
            coverNodeMessaging.publicKey, notValidAfter: now.adding(KeyLifetimes.messaging))
    }

    @discardableResult
    func addJournalist(_ id: String, idValidity: Duration) throws -> EncryptionKeyPair<Role.JournalistMessaging> {
        let identity = try SigningKeyPair<Role.JournalistIdentity>.generate()
        let identityKey = try journalistProvisioning.certify(identity.publicKey, notValidAfter: now.adding(idValidity))
        let messaging = try EncryptionKeyPair<Role.JournalistMessaging>.generate()
        let messagingKey = try identity.certify(
            messaging.publicKey, notValidAfter: min(now.adding(KeyLifetimes.messaging), identityKey.notValidAfter))
        journalists[id] = [.init(idPk: identityKey.json, msgPks: [messagingKey.json])]
        journalistMessaging[id] = messaging
        return messaging
    }

    func response() -> PublicKeysResponse {
        PublicKeysResponse(
            journalistProfiles: [], defaultJournalistId: nil,
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
                    journalists: [.init(provisioningPk: journalistProvisioningKey.json, journalists: journalists)])
            ], maxEpoch: 7)
    }

    /// CoverDrop's integration-test key files as a published hierarchy.
    static func fromKeyFiles() throws -> PublicKeysResponse {
        func json(_ name: String) throws -> SignedPublicKeyJSON {
            guard case .signed(let key) = try Fixtures.keyPair(name).publicKey else {
                throw TiplineCoreError(.notFound, name)
            }
            return key
        }
        return PublicKeysResponse(
            journalistProfiles: [], defaultJournalistId: nil,
            keys: [
                .init(
                    orgPk: try json("organization-865c61fb"),
                    covernodes: [
                        .init(
                            provisioningPk: try json("covernode_provisioning-382c1d30"),
                            covernodes: [
                                "covernode_001": [
                                    .init(
                                        idPk: try json("covernode_id-b58cb550"),
                                        msgPks: [try json("covernode_msg-651c62fe")])
                                ]
                            ])
                    ],
                    journalists: [
                        .init(
                            provisioningPk: try json("journalist_provisioning-82e41c91"),
                            journalists: [
                                "journalist_0": [
                                    .init(
                                        idPk: try json("journalist_id-5cbdb77b"),
                                        msgPks: [try json("journalist_msg-5f092056")])
                                ]
                            ])
                    ],
                    backup: [.init(idPk: try json("backup_id-b2957752"), msgPks: [try json("backup_msg-9bcc1fb6")])])
            ], maxEpoch: 9)
    }
}
