import TiplineCore
import TiplineTestSupport

extension TestKeyHierarchy {
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
