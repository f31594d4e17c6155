import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing
import TiplineAPI
import TiplineCore
import TiplineTestSupport

/// Issue 13, item 5: requests that cost the server nothing to refuse never load the key hierarchy, and the verified
/// hierarchy is loaded once per change of the stored keys, not once per request.
@Suite struct CheapChecksTests {
    @Test func junkFormsAreRefusedBeforeTheHierarchyIsLoaded() async throws {
        try await APIHarness.withInstrumentedStore { _, keys, store, client in
            let used = try keys.form(keys.statusBody, by: keys.admin)
            #expect(try await client.send(.post, "/v1/status", used).status == .ok)
            let before = store.snapshotCount
            let stranger = try SigningKeyPair<Role.Admin>.generate()
            let cases: [(ByteBuffer, HTTPResponse.Status)] = [
                (try keys.form(keys.statusBody, by: stranger, offset: .seconds(-7200)), .unauthorized),
                (try keys.form(keys.statusBody, by: stranger, offset: .seconds(3600)), .unauthorized),
                (try keys.form(keys.statusBody, by: stranger, lifetime: .seconds(86_400)), .unauthorized),
                (used, .conflict),
                (ByteBuffer(string: "{\"body\": 1}"), .badRequest),
            ]
            for (form, status) in cases {
                let response = try await client.send(.post, "/v1/status", form)
                #expect(response.status == status, "\(response.status): \(response.error ?? "")")
            }
            #expect(store.snapshotCount == before, "a junk form loaded the key hierarchy")
        }
    }

    @Test func theVerifiedHierarchyIsLoadedOncePerKeyChange() async throws {
        try await APIHarness.withInstrumentedStore { _, keys, store, client in
            _ = try await client.send(.get, "/v1/public-keys")
            let before = store.snapshotCount
            for index in 0..<5 {
                let form = try keys.form(keys.statusBody, by: keys.admin, offset: .seconds(index))
                #expect(try await client.send(.post, "/v1/status", form).status == .ok)
                #expect(try await client.send(.get, "/v1/public-keys").status == .ok)
                let drop = try keys.deadDrop(.user, count: 1, offset: .seconds(index))
                #expect(try await client.send(.post, "/v1/user/dead-drops", keys.json(drop.json())).status == .ok)
            }
            #expect(store.snapshotCount == before, "the hierarchy was reloaded although no key changed")

            // A new admin key (no epoch) changes the version: the next request verifies afresh and sees it.
            let admin = try SigningKeyPair<Role.Admin>.generate()
            let adminKey = try keys.organization.certify(
                admin.publicKey, notValidAfter: keys.now.adding(.seconds(86_400)))
            let upload = try keys.form(adminKey.json, by: keys.organization, offset: .seconds(10))
            #expect(try await client.send(.post, "/v1/status/public-key", upload).status == .ok)
            let byNewKey = try keys.form(keys.statusBody, by: admin, offset: .seconds(11))
            #expect(try await client.send(.post, "/v1/status", byNewKey).status == .ok)
            #expect(store.snapshotCount == before + 1)
        }
    }

    @Test func aCachedHierarchyStillExpiresKeysOnTime() async throws {
        try await APIHarness.withSeededRouter { harness, keys, client in
            let path = "/v1/public-keys/covernode/messaging-public-key"
            let early = try keys.form(keys.coverNodeMessagingKey.json, by: keys.coverNodeIdentity, offset: .seconds(1))
            #expect(try await client.send(.post, path, early).status == .ok)
            // Nothing in the store changes, but the CoverNode identity key expires: the cache must not hide that.
            let late = keys.coverNodeIdentityKey.notValidAfter.duration(since: keys.now) + .seconds(60)
            harness.clock.set(keys.now.adding(late))
            let form = try keys.form(keys.coverNodeMessagingKey.json, by: keys.coverNodeIdentity, offset: late)
            try await client.send(
                .post, path, form, expecting: .unauthorized,
                error: "the signing key is expired, untrusted or not allowed to sign this form")
        }
    }
}
