import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing
import TiplineAPI
import TiplineCore
import TiplineStorage
import TiplineTestSupport

/// Issue 13, item 15: re-uploading the identical, already stored CoverNode identity key answers with the key's own
/// stored epoch (`PROTOCOL.md` §4.6), even with the very form that stored it. A CoverNode whose upload answer was
/// lost re-sends its setup bundle's form and learns its key's epoch from the answer, not from `max_epoch`.
@Suite struct IdentityKeyReuploadTests {
    static let path = "/v1/public-keys/covernode/identity-public-key"

    @Test func theSameFormAgainAnswersTheKeysStoredEpoch() async throws {
        let harness = try APIHarness()
        let keys = harness.keys
        let store = harness.store
        try await harness.withSeededRouter { client in
            // The seed uploaded this identity key with this very form, then more keys (max_epoch moved on).
            let form = try keys.form(
                PostCoverNodeIdentityKeyBody(
                    covernodeId: APITestKeys.coverNodeId, covernodeIdPk: keys.coverNodeIdentityKey.json),
                by: keys.coverNodeProvisioning)
            let stored = try #require(
                try await store.epoch(ofKeyHex: keys.coverNodeIdentityKey.key.hex, role: .coverNodeIdentity))
            #expect(try await store.maxEpoch() > stored)
            let again = try await client.send(.post, Self.path, form)
            #expect(again.status == .ok, "\(again.status): \(again.error ?? "")")
            #expect((try? again.json(Int32.self)) == stored)
        }
    }

    @Test func aReplayedFormWhoseKeyIsGoneIsStillRefused() async throws {
        let harness = try APIHarness()
        let keys = harness.keys
        let store = harness.store
        try await harness.withSeededRouter { client in
            let identity = try SigningKeyPair<Role.CoverNodeIdentity>.generate()
            let certificate = try keys.coverNodeProvisioning.certify(
                identity.publicKey, notValidAfter: keys.now.adding(.seconds(60)))
            let form = try keys.form(
                PostCoverNodeIdentityKeyBody(covernodeId: APITestKeys.coverNodeId, covernodeIdPk: certificate.json),
                by: keys.coverNodeProvisioning)
            #expect(try await client.send(.post, Self.path, form).status == .ok)
            // The key expires and is deleted; the form (valid for an hour) is still a replay.
            #expect(try await store.deleteExpired(nowMicros: keys.now.adding(.seconds(61)).microseconds) == 1)
            let replayed = try await client.send(.post, Self.path, form)
            #expect(replayed.status == .conflict, "\(replayed.status): \(replayed.error ?? "")")
        }
    }

    @Test func aForgedReuploadOfAStoredKeyIsRefused() async throws {
        try await APIHarness.withSeededRouter { _, keys, client in
            let body = PostCoverNodeIdentityKeyBody(
                covernodeId: APITestKeys.coverNodeId, covernodeIdPk: keys.coverNodeIdentityKey.json)
            let tampered = try await client.send(
                .post, Self.path, try keys.tamperedForm(body, by: keys.coverNodeProvisioning))
            #expect(tampered.status == .unauthorized, "\(tampered.status): \(tampered.error ?? "")")
            // Signed by a key that may not upload CoverNode identity keys.
            let wrongSigner = try await client.send(.post, Self.path, try keys.form(body, by: keys.organization))
            #expect(wrongSigner.status == .unauthorized, "\(wrongSigner.status): \(wrongSigner.error ?? "")")
        }
    }
}
