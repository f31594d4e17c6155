import Foundation
import Testing
import TiplineAPIClient
import TiplineCore

/// A key hierarchy made for a test and published to a real API over HTTP, the way the key ceremony and the
/// journalist clients do it: organisation-signed provisioning keys, provisioning-signed journalist profiles and
/// identity keys, identity-signed journalist messaging keys, and a CoverNode setup bundle.
struct TestDeployment: Sendable {
    struct Journalist: Sendable {
        let id: String
        let identity: SigningKeyPair<Role.JournalistIdentity>
        let identityKey: SignedPublicKey<SigningPublicKey<Role.JournalistIdentity>>
        let messaging: EncryptionKeyPair<Role.JournalistMessaging>
        let messagingKey: SignedPublicKey<EncryptionPublicKey<Role.JournalistMessaging>>
    }

    let organization: SigningKeyPair<Role.Organization>
    let anchor: SignedPublicKey<SigningPublicKey<Role.Organization>>
    let coverNodeProvisioning: SigningKeyPair<Role.CoverNodeProvisioning>
    let coverNodeProvisioningKey: SignedPublicKey<SigningPublicKey<Role.CoverNodeProvisioning>>
    let journalistProvisioning: SigningKeyPair<Role.JournalistProvisioning>
    let journalistProvisioningKey: SignedPublicKey<SigningPublicKey<Role.JournalistProvisioning>>
    let journalists: [Journalist]

    init(journalistIds: [String], now: Timestamp) throws {
        let year = now.adding(KeyLifetimes.longTerm)
        organization = try .generate()
        anchor = try organization.selfSigned(notValidAfter: year)
        coverNodeProvisioning = try .generate()
        coverNodeProvisioningKey = try organization.certify(coverNodeProvisioning.publicKey, notValidAfter: year)
        journalistProvisioning = try .generate()
        journalistProvisioningKey = try organization.certify(journalistProvisioning.publicKey, notValidAfter: year)
        journalists = try journalistIds.map { [journalistProvisioning] id in
            let identity = try SigningKeyPair<Role.JournalistIdentity>.generate()
            let identityKey = try journalistProvisioning.certify(
                identity.publicKey, notValidAfter: now.adding(KeyLifetimes.journalistIdentity))
            let messaging = try EncryptionKeyPair<Role.JournalistMessaging>.generate()
            let messagingKey = try identity.certify(
                messaging.publicKey, notValidAfter: now.adding(KeyLifetimes.messaging))
            return Journalist(
                id: id, identity: identity, identityKey: identityKey, messaging: messaging, messagingKey: messagingKey)
        }
    }

    func journalist(_ id: String) throws -> Journalist {
        try #require(journalists.first { $0.id == id })
    }

    /// The JSON of the trust-anchor file `tipline api --trust-anchors` reads.
    func trustAnchorsJSON() throws -> Data { try JSONEncoder().encode([anchor.json]) }

    /// A fresh CoverNode identity, certified for 4 weeks, with its provisioning-signed upload form.
    func coverNodeSetupBundle(id: String = "covernode_001", now: Timestamp) throws -> CoverNodeSetupBundle {
        let identity = try SigningKeyPair<Role.CoverNodeIdentity>.generate()
        let certificate = try coverNodeProvisioning.certify(
            identity.publicKey, notValidAfter: now.adding(KeyLifetimes.coverNodeIdentity))
        let form = try SignedForm.sign(
            PostCoverNodeIdentityKeyBody(covernodeId: id, covernodeIdPk: certificate.json), with: coverNodeProvisioning,
            now: now, lifetime: .seconds(86_400))
        return CoverNodeSetupBundle(
            covernodeId: id, trustAnchors: [anchor.json],
            identityKeyPair: KeyPairJSON(identity, certificate: certificate), uploadIdentityKeyForm: form)
    }

    /// Uploads the provisioning keys and every journalist (profile, identity key, messaging key).
    func publish(to api: APIClient, now: Timestamp) async throws {
        _ = try await api.submit(
            SignedForm.sign(coverNodeProvisioningKey.json, with: organization, now: now),
            to: "/v1/public-keys/covernode/provisioning-public-key")
        _ = try await api.submit(
            SignedForm.sign(journalistProvisioningKey.json, with: organization, now: now),
            to: "/v1/public-keys/journalists/provisioning-public-key")
        for journalist in journalists {
            let profile = PostJournalistProfileBody(
                id: journalist.id, displayName: journalist.id, sortName: journalist.id, description: "reporter",
                isDesk: false, status: "VISIBLE")
            _ = try await api.submit(
                SignedForm.sign(profile, with: journalistProvisioning, now: now), to: "/v1/public-keys/journalists")
            _ = try await api.submitKeyUpload(
                SignedForm.sign(
                    PostJournalistIdentityKeyBody(
                        journalistId: journalist.id, journalistIdPk: journalist.identityKey.json),
                    with: journalistProvisioning, now: now),
                to: "/v1/public-keys/journalists/identity-public-key")
            _ = try await api.submitKeyUpload(
                SignedForm.sign(journalist.messagingKey.json, with: journalist.identity, now: now),
                to: "/v1/public-keys/journalists/messaging-public-key")
        }
    }

    /// The API's hierarchy, verified against this deployment's anchor.
    func verifiedKeys(from api: APIClient, now: Timestamp) async throws -> VerifiedKeys {
        VerifiedKeys(try await api.publicKeys(), trustAnchors: [anchor], now: now)
    }
}
