import Foundation
import Testing
import TiplineAPIClient
import TiplineCore
import TiplineTestSupport

/// A ``TestKeyHierarchy`` made for a test and published to a real API over HTTP, the way the key ceremony and the
/// journalist clients do it: organisation-signed provisioning keys, provisioning-signed journalist profiles and
/// identity keys, identity-signed journalist messaging keys, and a CoverNode setup bundle.
@dynamicMemberLookup
struct TestDeployment: Sendable {
    /// The keys.
    let keys: TestKeyHierarchy

    init(journalistIds: [String], now: Timestamp) throws {
        keys = try TestKeyHierarchy(now: now, journalistIds: journalistIds)
    }

    /// The keys' properties, as if they were the deployment's own.
    subscript<T>(dynamicMember keyPath: KeyPath<TestKeyHierarchy, T>) -> T { keys[keyPath: keyPath] }

    func journalist(_ id: String) throws -> TestKeyHierarchy.Journalist { try #require(keys.journalist(id)) }

    /// The JSON of the trust-anchor file `tipline api --trust-anchors` reads.
    func trustAnchorsJSON() throws -> Data { try JSONEncoder().encode([keys.anchor.json]) }

    /// A fresh CoverNode identity, certified for `validity` (4 weeks), with its provisioning-signed upload form.
    func coverNodeSetupBundle(
        id: String = "covernode_001", now: Timestamp, validity: Duration = KeyLifetimes.coverNodeIdentity
    ) throws -> CoverNodeSetupBundle {
        let identity = try SigningKeyPair<Role.CoverNodeIdentity>.generate()
        let certificate = try keys.coverNodeProvisioning.certify(
            identity.publicKey, notValidAfter: now.adding(validity))
        let form = try SignedForm.sign(
            PostCoverNodeIdentityKeyBody(covernodeId: id, covernodeIdPk: certificate.json),
            with: keys.coverNodeProvisioning,
            now: now, lifetime: .seconds(86_400))
        return CoverNodeSetupBundle(
            covernodeId: id, trustAnchors: [keys.anchor.json],
            identityKeyPair: KeyPairJSON(identity, certificate: certificate), uploadIdentityKeyForm: form)
    }

    /// Uploads the provisioning keys and every journalist (profile, identity key, messaging key).
    func publish(to api: APIClient, now: Timestamp) async throws {
        _ = try await api.submit(
            SignedForm.sign(keys.coverNodeProvisioningKey.json, with: keys.organization, now: now),
            to: "/v1/public-keys/covernode/provisioning-public-key")
        _ = try await api.submit(
            SignedForm.sign(keys.journalistProvisioningKey.json, with: keys.organization, now: now),
            to: "/v1/public-keys/journalists/provisioning-public-key")
        for journalist in keys.journalists {
            let profile = PostJournalistProfileBody(
                id: journalist.id, displayName: journalist.id, sortName: journalist.id, description: "reporter",
                isDesk: false, status: "VISIBLE")
            _ = try await api.submit(
                SignedForm.sign(profile, with: keys.journalistProvisioning, now: now), to: "/v1/public-keys/journalists"
            )
            _ = try await api.submitKeyUpload(
                SignedForm.sign(
                    PostJournalistIdentityKeyBody(
                        journalistId: journalist.id, journalistIdPk: journalist.identityKey.json),
                    with: keys.journalistProvisioning, now: now),
                to: "/v1/public-keys/journalists/identity-public-key")
            _ = try await api.submitKeyUpload(
                SignedForm.sign(journalist.latestMessagingKey.json, with: journalist.identity, now: now),
                to: "/v1/public-keys/journalists/messaging-public-key")
        }
    }

    /// The API's hierarchy, verified against this deployment's anchor.
    func verifiedKeys(from api: APIClient, now: Timestamp) async throws -> VerifiedKeys {
        VerifiedKeys(try await api.publicKeys(), trustAnchors: [keys.anchor], now: now)
    }
}
