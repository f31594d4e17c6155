import Foundation
import Testing
import TiplineAPIClient
import TiplineCore
import TiplineStorage
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
        try await keys.publishProvisioningKeys(to: api, now: now)
        try await keys.publishJournalists(to: api, now: now)
    }

    /// Runs `body` with the real API on loopback (its database in `folder`, on `clock`) and a client of it, once
    /// this deployment is published there.
    func withPublishedAPI<T>(
        in folder: TemporaryDirectory, clock: any WallClock = SystemWallClock(),
        _ body: (APIClient, SQLiteStore) async throws -> T
    ) async throws -> T {
        try await LoopbackAPI.run(in: folder, trustAnchors: [keys.anchor], clock: clock) { loopback in
            try await publish(to: loopback.client, now: clock.now())
            return try await body(loopback.client, loopback.store)
        }
    }

    /// The API's hierarchy, verified against this deployment's anchor.
    func verifiedKeys(from api: APIClient, now: Timestamp) async throws -> VerifiedKeys {
        VerifiedKeys(try await api.publicKeys(), trustAnchors: [keys.anchor], now: now)
    }
}
