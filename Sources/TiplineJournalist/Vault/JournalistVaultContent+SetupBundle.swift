import Foundation
import TiplineCore

extension JournalistVaultContent {
    /// The contents of a new vault made from a setup bundle, after checking that the bundle is consistent.
    init(bundle: JournalistSetupBundle, now: Timestamp) throws {
        func invalid(_ why: String) -> JournalistError {
            JournalistError(.invalidSetupBundle, "the setup bundle \(why)")
        }
        do {
            try JournalistID.validate(bundle.journalistId)
        } catch {
            throw invalid("has an invalid journalist id")
        }
        let anchors = bundle.trustAnchors.compactMap {
            try? SignedPublicKey<SigningPublicKey<Role.Organization>>(json: $0)
        }
        guard anchors.count == bundle.trustAnchors.count,
            anchors.contains(where: { $0.isCertified(by: $0.key, at: now, signerNotValidAfter: $0.notValidAfter) })
        else { throw invalid("has no valid organisation key") }
        guard
            let (identity, certificate) = try? bundle.identityKeyPair.signingKeyPair(as: Role.JournalistIdentity.self),
            let certificate, certificate.isValid(at: now)
        else { throw invalid("has no valid, certified identity key") }
        let upload = try? JSONDecoder().decode(
            PostJournalistIdentityKeyBody.self, from: Data(bundle.uploadIdentityKeyForm.body))
        guard let upload, upload.journalistId == bundle.journalistId,
            upload.journalistIdPk.key.lowercased() == identity.publicKey.hex
        else { throw invalid("uploads another identity key than the one it contains") }
        self.init(
            journalistId: bundle.journalistId, trustAnchors: bundle.trustAnchors,
            pendingSetup: PendingSetup(
                registerProfileForm: bundle.registerProfileForm, uploadIdentityKeyForm: bundle.uploadIdentityKeyForm))
        identityKeys = [StoredKeyPair(keyPair: bundle.identityKeyPair, epoch: nil, addedAt: now.microseconds)]
    }
}
