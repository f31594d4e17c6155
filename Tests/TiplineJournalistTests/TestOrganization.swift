import Foundation
import TiplineCore

/// A complete, freshly generated key hierarchy for tests: organisation, journalist and CoverNode provisioning,
/// one CoverNode with its identity and messaging keys, and setup bundles for journalists.
struct TestOrganization: Sendable {
    let now: Timestamp
    let organization: SigningKeyPair<Role.Organization>
    let anchor: SignedPublicKey<SigningPublicKey<Role.Organization>>
    let journalistProvisioning: SigningKeyPair<Role.JournalistProvisioning>
    let journalistProvisioningKey: SignedPublicKey<SigningPublicKey<Role.JournalistProvisioning>>
    let coverNodeProvisioning: SigningKeyPair<Role.CoverNodeProvisioning>
    let coverNodeProvisioningKey: SignedPublicKey<SigningPublicKey<Role.CoverNodeProvisioning>>
    let coverNodeIdentity: SigningKeyPair<Role.CoverNodeIdentity>
    let coverNodeIdentityKey: SignedPublicKey<SigningPublicKey<Role.CoverNodeIdentity>>
    let coverNodeMessaging: EncryptionKeyPair<Role.CoverNodeMessaging>
    let coverNodeMessagingKey: SignedPublicKey<EncryptionPublicKey<Role.CoverNodeMessaging>>

    init(now: Timestamp) throws {
        self.now = now
        let year = now.adding(KeyLifetimes.longTerm)
        organization = try .generate()
        anchor = try organization.selfSigned(notValidAfter: year)
        journalistProvisioning = try .generate()
        journalistProvisioningKey = try organization.certify(journalistProvisioning.publicKey, notValidAfter: year)
        coverNodeProvisioning = try .generate()
        coverNodeProvisioningKey = try organization.certify(coverNodeProvisioning.publicKey, notValidAfter: year)
        coverNodeIdentity = try .generate()
        coverNodeIdentityKey = try coverNodeProvisioning.certify(
            coverNodeIdentity.publicKey, notValidAfter: now.adding(KeyLifetimes.coverNodeIdentity))
        coverNodeMessaging = try .generate()
        coverNodeMessagingKey = try coverNodeIdentity.certify(
            coverNodeMessaging.publicKey, notValidAfter: now.adding(KeyLifetimes.messaging))
    }

    /// A setup bundle as the key ceremony makes it, with its identity key pair.
    func setupBundle(journalistId: String, formTime: Timestamp? = nil) throws -> JournalistSetupBundle {
        let identity = try SigningKeyPair<Role.JournalistIdentity>.generate()
        let certificate = try journalistProvisioning.certify(
            identity.publicKey, notValidAfter: now.adding(KeyLifetimes.journalistIdentity))
        let signedAt = formTime ?? now
        let profile = PostJournalistProfileBody(
            id: journalistId, displayName: "Test \(journalistId)", sortName: journalistId, description: "Reporter",
            isDesk: false, status: "VISIBLE")
        return JournalistSetupBundle(
            journalistId: journalistId, trustAnchors: [anchor.json],
            identityKeyPair: KeyPairJSON(identity, certificate: certificate),
            registerProfileForm: try SignedForm.sign(profile, with: journalistProvisioning, now: signedAt),
            uploadIdentityKeyForm: try SignedForm.sign(
                PostJournalistIdentityKeyBody(journalistId: journalistId, journalistIdPk: certificate.json),
                with: journalistProvisioning, now: signedAt))
    }
}
