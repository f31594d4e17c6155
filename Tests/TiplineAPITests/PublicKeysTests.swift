import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing
import TiplineAPI
import TiplineCore
import TiplineTestSupport

@Suite struct PublicKeysTests {
    @Test func publishedHierarchyVerifiesAgainstTheTrustAnchor() async throws {
        try await APIHarness.withSeededRouter { _, keys, client in
            let response = try await client.send(.get, "/v1/public-keys")
            #expect(response.status == .ok)
            #expect(response.headers[.cacheControl] == "max-age=60")
            let published = try response.json(PublicKeysResponse.self)
            let verified = VerifiedKeys(published, trustAnchors: [keys.anchor], now: keys.now)
            #expect(verified.organizationKeys == [keys.anchor])
            #expect(verified.coverNodeProvisioningKeys == [keys.coverNodeProvisioningKey])
            #expect(verified.journalistProvisioningKeys == [keys.journalistProvisioningKey])
            #expect(verified.allCoverNodeIdentityKeys == [keys.coverNodeIdentityKey])
            #expect(verified.allCoverNodeMessagingKeys == [keys.coverNodeMessagingKey])
            #expect(verified.identityKeys(forJournalist: APITestKeys.journalistId) == [keys.journalistIdentityKey])
            #expect(verified.messagingKeys(forJournalist: APITestKeys.journalistId) == [keys.journalistMessagingKey])
            #expect(published.maxEpoch >= 5)
            #expect(published.journalistProfiles.map(\.id) == [APITestKeys.journalistId])
            #expect(
                published.journalistProfiles.first?.tag
                    == (try RecipientTag(journalistId: APITestKeys.journalistId).hex))
            #expect(published.defaultJournalistId == nil)
            // Against another anchor, nothing verifies.
            let stranger = try SigningKeyPair<Role.Organization>.generate().selfSigned(
                notValidAfter: keys.now.adding(.seconds(60)))
            #expect(VerifiedKeys(published, trustAnchors: [stranger], now: keys.now).isEmpty)
        }
    }

    @Test func etagRevalidationAnswers304UntilTheKeysChange() async throws {
        try await APIHarness.withRouter { _, keys, client in
            let first = try await client.send(.get, "/v1/public-keys")
            let tag = try #require(first.headers[.eTag])
            #expect(tag.hasPrefix("\"") && tag.hasSuffix("\""))
            let again = try await client.send(.get, "/v1/public-keys", headers: [.ifNoneMatch: tag])
            #expect(again.status == .notModified)
            #expect(again.body.readableBytes == 0)
            #expect(again.headers[.eTag] == tag)
            #expect(again.headers[.cacheControl] == "max-age=60")
            try await client.send(
                .get, "/v1/public-keys", headers: [.ifNoneMatch: "\"other\", W/\(tag)"], expecting: .notModified)
            try await client.seed(keys)
            let changed = try await client.send(.get, "/v1/public-keys", headers: [.ifNoneMatch: tag])
            #expect(changed.status == .ok)
            #expect(changed.headers[.eTag] != tag)
        }
    }

    @Test func keyUploadsAnswerWithIncreasingEpochsAndReuploadsWithTheSameOne() async throws {
        try await APIHarness.withSeededRouter { _, keys, client in
            let path = "/v1/public-keys/journalists/messaging-public-key"
            let newKey = try keys.journalistIdentity.certify(
                EncryptionKeyPair<Role.JournalistMessaging>.generate().publicKey,
                notValidAfter: keys.now.adding(.seconds(3600)))
            let first = try await client.send(
                .post, path, keys.form(newKey.json, by: keys.journalistIdentity, offset: .seconds(1)))
            #expect(first.status == .ok)
            let epoch = try first.json(Int32.self)
            let again = try await client.send(
                .post, path, keys.form(newKey.json, by: keys.journalistIdentity, offset: .seconds(2)))
            #expect(try again.json(Int32.self) == epoch)
            let newer = try keys.journalistIdentity.certify(
                EncryptionKeyPair<Role.JournalistMessaging>.generate().publicKey,
                notValidAfter: keys.now.adding(.seconds(7200)))
            let second = try await client.send(
                .post, path, keys.form(newer.json, by: keys.journalistIdentity, offset: .seconds(3)))
            #expect(try second.json(Int32.self) > epoch)
            let published = try await client.send(.get, "/v1/public-keys").json(PublicKeysResponse.self)
            #expect(published.maxEpoch == (try second.json(Int32.self)))
        }
    }

    @Test func uploadedKeyMustBeCertifiedByItsParentRole() async throws {
        try await APIHarness.withSeededRouter { _, keys, client in
            // A messaging key certified by the organisation rather than by the journalist's identity key.
            let wrongParent = try keys.organization.certify(
                EncryptionKeyPair<Role.JournalistMessaging>.generate().publicKey,
                notValidAfter: keys.now.adding(.seconds(60)))
            let response = try await client.send(
                .post, "/v1/public-keys/journalists/messaging-public-key",
                keys.form(wrongParent.json, by: keys.journalistIdentity, offset: .seconds(1)))
            #expect(response.status == .unauthorized)
            #expect(response.error?.contains("certificate does not verify against a current journalist_id key") == true)
            let malformed = SignedPublicKeyJSON(key: "00", certificate: "00", notValidAfter: keys.now.rfc3339)
            let bad = try await client.send(
                .post, "/v1/public-keys/journalists/messaging-public-key",
                keys.form(malformed, by: keys.journalistIdentity, offset: .seconds(2)))
            #expect(bad.status == .badRequest)
            #expect(bad.error?.hasPrefix("invalid key:") == true)
        }
    }

    @Test func provisioningKeysCannotRotateWithin26Weeks() async throws {
        try await APIHarness.withSeededRouter { _, keys, client in
            let newer = try keys.organization.certify(
                SigningKeyPair<Role.CoverNodeProvisioning>.generate().publicKey,
                notValidAfter: keys.now.adding(.seconds(600)))
            let path = "/v1/public-keys/covernode/provisioning-public-key"
            try await client.send(
                .post, path, keys.form(newer.json, by: keys.organization, offset: .seconds(1)), expecting: .badRequest,
                error: "key has been rotated too recently")
            // Re-uploading the current key is fine.
            try await client.send(
                .post, path, keys.form(keys.coverNodeProvisioningKey.json, by: keys.organization, offset: .seconds(2)),
                expecting: .ok)
        }
    }

    @Test func coverNodeIdentityUploadChecksTheId() async throws {
        try await APIHarness.withSeededRouter { _, keys, client in
            let body = PostCoverNodeIdentityKeyBody(
                covernodeId: "covernode_1", covernodeIdPk: keys.coverNodeIdentityKey.json)
            try await client.send(
                .post, "/v1/public-keys/covernode/identity-public-key",
                keys.form(body, by: keys.coverNodeProvisioning, offset: .seconds(1)), expecting: .badRequest,
                error: "covernode_id must be covernode_ followed by three digits")
            let stolen = PostCoverNodeIdentityKeyBody(
                covernodeId: "covernode_002", covernodeIdPk: keys.coverNodeIdentityKey.json)
            try await client.send(
                .post, "/v1/public-keys/covernode/identity-public-key",
                keys.form(stolen, by: keys.coverNodeProvisioning, offset: .seconds(2)), expecting: .badRequest,
                error: "the key is registered to another owner")
        }
    }

    @Test func journalistIdentityNeedsAProfile() async throws {
        try await APIHarness.withSeededRouter { _, keys, client in
            let body = PostJournalistIdentityKeyBody(
                journalistId: "nobody", journalistIdPk: keys.journalistIdentityKey.json)
            try await client.send(
                .post, "/v1/public-keys/journalists/identity-public-key",
                keys.form(body, by: keys.journalistProvisioning, offset: .seconds(1)), expecting: .notFound,
                error: "journalist profile not found")
        }
    }

    @Test func identityKeyLookupReturnsEpochAndKeyOrNull() async throws {
        try await APIHarness.withSeededRouter { _, keys, client in
            let found = try await client.send(
                .get, "/v1/public-keys/journalists/identity-public-key/\(keys.journalistIdentityKey.key.hex)")
            #expect(found.status == .ok)
            #expect(found.headers[.cacheControl] == "max-age=60")
            let object = try #require(
                try JSONSerialization.jsonObject(with: Data(found.body.readableBytesView)) as? [String: Any])
            #expect((object["epoch"] as? Int ?? 0) > 0)
            let key = try JSONDecoder().decode(
                SignedPublicKeyJSON.self, from: JSONSerialization.data(withJSONObject: object["key"] ?? [:]))
            #expect(key == keys.journalistIdentityKey.json)
            let upper = try await client.send(
                .get,
                "/v1/public-keys/journalists/identity-public-key/\(keys.journalistIdentityKey.key.hex.uppercased())")
            #expect(upper.text == "null")
            let missing = try await client.send(.get, "/v1/public-keys/journalists/identity-public-key/abc")
            #expect(missing.status == .ok)
            #expect(missing.text == "null")
        }
    }

    @Test func defaultJournalistIsPublishedOnlyWithKeys() async throws {
        var settings = APISettings(port: 0)
        settings.defaultJournalistId = APITestKeys.journalistId
        let harness = try APIHarness(settings: settings)
        let keys = harness.keys
        try await harness.withRouter { client in
            let before = try await client.send(.get, "/v1/public-keys").json(PublicKeysResponse.self)
            #expect(before.defaultJournalistId == nil)
            try await client.seed(keys)
            let after = try await client.send(.get, "/v1/public-keys").json(PublicKeysResponse.self)
            #expect(after.defaultJournalistId == APITestKeys.journalistId)
        }
    }
}
