import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing
import TiplineAPI
import TiplineCore
import TiplineStorage
import TiplineTestSupport

/// `GET`/`POST /v1/public-keys/journalists/identity-public-key-form` and `from_queue` identity-key uploads.
@Suite struct IdentityRotationQueueTests {
    static let queuePath = "/v1/public-keys/journalists/identity-public-key-form"
    static let uploadPath = "/v1/public-keys/journalists/identity-public-key"

    /// The inner form: `{"new_pk": {"key": hex}}` signed by `signer`, created `offset` after the keys' `now`.
    static func inner(
        _ keys: APITestKeys, newKey: String, signer: SigningKeyPair<Role.JournalistIdentity>? = nil,
        offset: Duration = .zero, lifetime: Duration = SignedForm.defaultLifetime
    ) throws -> SignedForm {
        try SignedForm.sign(
            RotateJournalistIdentityKeyBody(newPk: UnsignedPublicKeyJSON(key: newKey)),
            with: signer ?? keys.journalistIdentity, now: keys.now.adding(offset), lifetime: lifetime)
    }

    /// The outer form wrapping `inner`, signed by `signer` (the journalist's identity key by default).
    static func outer<R>(
        _ keys: APITestKeys, _ inner: SignedForm, signer: SigningKeyPair<R>, offset: Duration = .zero
    ) throws -> ByteBuffer {
        try keys.form(RotateJournalistIdentityKeyFormBody(form: inner), by: signer, offset: offset)
    }

    static func request(_ keys: APITestKeys, newKey: String, offset: Duration = .zero) throws -> ByteBuffer {
        try outer(keys, inner(keys, newKey: newKey, offset: offset), signer: keys.journalistIdentity, offset: offset)
    }

    static func newKey() throws -> SigningPublicKey<Role.JournalistIdentity> {
        try SigningKeyPair<Role.JournalistIdentity>.generate().publicKey
    }

    /// A provisioning-signed upload of `key` for alice.
    static func upload(
        _ keys: APITestKeys, _ key: SigningPublicKey<Role.JournalistIdentity>, fromQueue: Bool, offset: Duration
    ) throws -> ByteBuffer {
        let certificate = try keys.journalistProvisioning.certify(
            key, notValidAfter: keys.now.adding(KeyLifetimes.journalistIdentity))
        return try keys.form(
            PostJournalistIdentityKeyBody(
                journalistId: APITestKeys.journalistId, journalistIdPk: certificate.json, fromQueue: fromQueue),
            by: keys.journalistProvisioning, offset: offset)
    }

    @Test func aQueuedRequestIsListedUntilItExpiresAndANewOneReplacesIt() async throws {
        try await APIHarness.withSeededRouter { harness, keys, client in
            let empty = try await client.send(.get, Self.queuePath)
            #expect(empty.status == .ok)
            #expect(empty.text == "[]")
            #expect(empty.headers[.cacheControl] == "max-age=5")

            let first = try Self.inner(keys, newKey: Self.newKey().hex)
            let posted = try await client.send(
                .post, Self.queuePath, Self.outer(keys, first, signer: keys.journalistIdentity))
            #expect(posted.status == .ok)
            #expect(posted.body.readableBytes == 0)
            let listed = try await client.send(.get, Self.queuePath)
            #expect(listed.headers[.cacheControl] == "max-age=5")
            #expect(
                try listed.json([QueuedJournalistIdentityKeyForm].self)
                    == [QueuedJournalistIdentityKeyForm(journalistId: APITestKeys.journalistId, form: first)])

            let second = try Self.inner(keys, newKey: Self.newKey().hex, offset: .seconds(60))
            harness.clock.advance(by: .seconds(60))
            try await client.send(
                .post, Self.queuePath, Self.outer(keys, second, signer: keys.journalistIdentity, offset: .seconds(60)),
                expecting: .ok)
            let after = try await client.send(.get, Self.queuePath).json([QueuedJournalistIdentityKeyForm].self)
            #expect(after.map(\.form) == [second])

            harness.clock.set(second.notValidAfter)
            #expect(try await client.send(.get, Self.queuePath).json([QueuedJournalistIdentityKeyForm].self).count == 1)
            harness.clock.advance(by: .microseconds(1))
            #expect(try await client.send(.get, Self.queuePath).text == "[]")
        }
    }

    @Test func aFromQueueUploadMustMatchTheQueuedKeyAndDequeuesIt() async throws {
        try await APIHarness.withSeededRouter { harness, keys, client in
            let queued = try Self.newKey()
            let other = try Self.newKey()
            // Nothing queued yet: a from_queue upload is refused.
            try await client.send(
                .post, Self.uploadPath, Self.upload(keys, queued, fromQueue: true, offset: .seconds(1)),
                expecting: .badRequest, error: "no queued identity-key rotation of this journalist is for this key")

            #expect(try await client.send(.post, Self.queuePath, Self.request(keys, newKey: queued.hex)).status == .ok)
            try await client.send(
                .post, Self.uploadPath, Self.upload(keys, other, fromQueue: true, offset: .seconds(2)),
                expecting: .badRequest, error: "no queued identity-key rotation of this journalist is for this key")
            #expect(try await harness.store.key(ofKeyHex: other.hex, role: .journalistIdentity) == nil)

            let accepted = try await client.send(
                .post, Self.uploadPath, Self.upload(keys, queued, fromQueue: true, offset: .seconds(3)))
            #expect(accepted.status == .ok)
            let epoch = try accepted.json(Int32.self)
            #expect(try await client.send(.get, Self.queuePath).text == "[]")
            let lookup = try await client.send(.get, "/v1/public-keys/journalists/identity-public-key/\(queued.hex)")
            #expect(try lookup.json(JournalistIdentityKeyWithEpoch.self).epoch == epoch)
            let published = try await client.send(.get, "/v1/public-keys").json(PublicKeysResponse.self)
            let verified = VerifiedKeys(published, trustAnchors: [keys.anchor], now: keys.now)
            #expect(verified.identityKeys(forJournalist: APITestKeys.journalistId).map(\.key).contains(queued))

            // An administrator's upload without from_queue needs no queued request.
            try await client.send(
                .post, Self.uploadPath, Self.upload(keys, other, fromQueue: false, offset: .seconds(4)), expecting: .ok)
        }
    }

    @Test func outerFormChecksApply() async throws {
        try await APIHarness.withSeededRouter { harness, keys, client in
            let inner = try Self.inner(keys, newKey: Self.newKey().hex)
            try await client.send(
                .post, Self.queuePath,
                keys.tamperedForm(RotateJournalistIdentityKeyFormBody(form: inner), by: keys.journalistIdentity),
                expecting: .unauthorized, error: "signature verification failed")

            let stranger = try SigningKeyPair<Role.JournalistIdentity>.generate()
            try await client.send(
                .post, Self.queuePath, Self.outer(keys, inner, signer: stranger), expecting: .notFound,
                error: "Signing key not found")

            // The provisioning key is stored but may not sign a rotation request.
            try await client.send(
                .post, Self.queuePath, Self.outer(keys, inner, signer: keys.journalistProvisioning),
                expecting: .unauthorized)

            let request = try Self.request(keys, newKey: Self.newKey().hex, offset: .seconds(1))
            #expect(try await client.send(.post, Self.queuePath, request).status == .ok)
            try await client.send(
                .post, Self.queuePath, request, expecting: .conflict, error: "this signed form was already used")

            let late = try Self.request(keys, newKey: Self.newKey().hex, offset: .seconds(2))
            harness.clock.advance(by: .seconds(3700))
            try await client.send(.post, Self.queuePath, late, expecting: .unauthorized, error: "the form has expired")
        }
    }

    @Test func theInnerFormMustBeSignedByTheSameKeyAndBeValid() async throws {
        try await APIHarness.withSeededRouter { harness, keys, client in
            // Signed by another key than the outer form's.
            let stranger = try SigningKeyPair<Role.JournalistIdentity>.generate()
            let foreign = try Self.inner(keys, newKey: Self.newKey().hex, signer: stranger)
            try await client.send(
                .post, Self.queuePath, Self.outer(keys, foreign, signer: keys.journalistIdentity),
                expecting: .unauthorized,
                error: "the inner form must be signed by the same identity key as the outer form")

            // Claims the journalist's key but was signed by another one.
            var claimed = try JSONSerialization.jsonObject(with: JSONEncoder().encode(foreign)) as? [String: Any] ?? [:]
            claimed["signing_pk"] = keys.journalistIdentity.publicKey.hex
            let forged = try JSONDecoder().decode(
                SignedForm.self, from: JSONSerialization.data(withJSONObject: claimed))
            try await client.send(
                .post, Self.queuePath, Self.outer(keys, forged, signer: keys.journalistIdentity, offset: .seconds(1)),
                expecting: .unauthorized, error: "inner form: signature verification failed")

            // An inner form older than its hour, inside a fresh outer form.
            harness.clock.advance(by: .seconds(7200))
            let stale = try Self.inner(keys, newKey: Self.newKey().hex)
            try await client.send(
                .post, Self.queuePath, Self.outer(keys, stale, signer: keys.journalistIdentity, offset: .seconds(7200)),
                expecting: .unauthorized, error: "inner form: the form has expired")

            let long = try Self.inner(keys, newKey: Self.newKey().hex, offset: .seconds(7200), lifetime: .seconds(7200))
            let overlong = try await client.send(
                .post, Self.queuePath, Self.outer(keys, long, signer: keys.journalistIdentity, offset: .seconds(7201)))
            #expect(overlong.status == .unauthorized)
            #expect(overlong.error?.hasPrefix("inner form: the form's lifetime exceeds") == true)
            #expect(try await client.send(.get, Self.queuePath).text == "[]")
        }
    }

    @Test func theNewKeyMustBeWellFormedAndNew() async throws {
        try await APIHarness.withSeededRouter { _, keys, client in
            for (index, bad) in ["00", String(repeating: "zz", count: 32), String(repeating: "ab", count: 33)]
                .enumerated()
            {
                let response = try await client.send(
                    .post, Self.queuePath, Self.request(keys, newKey: bad, offset: .seconds(Int64(index))))
                #expect(response.status == .badRequest)
                #expect(response.error?.hasPrefix("invalid new_pk:") == true, "\(response.error ?? "")")
            }

            let notARotation = try SignedForm.sign(
                ["new_key": "x"], with: keys.journalistIdentity, now: keys.now.adding(.seconds(10)))
            try await client.send(
                .post, Self.queuePath,
                Self.outer(keys, notARotation, signer: keys.journalistIdentity, offset: .seconds(10)),
                expecting: .badRequest, error: "Failed to parse json: missing field 'new_pk'")

            for (index, published) in [keys.journalistIdentity.publicKey.hex, keys.coverNodeIdentityKey.key.hex]
                .enumerated()
            {
                try await client.send(
                    .post, Self.queuePath, Self.request(keys, newKey: published, offset: .seconds(Int64(20 + index))),
                    expecting: .badRequest, error: "the new identity key is already published")
            }
            #expect(try await client.send(.get, Self.queuePath).text == "[]")
        }
    }

    @Test func aKeyQueuedByOneJournalistCannotBeQueuedByAnother() async throws {
        try await APIHarness.withSeededRouter { _, keys, client in
            let bob = try SigningKeyPair<Role.JournalistIdentity>.generate()
            let bobKey = try keys.journalistProvisioning.certify(
                bob.publicKey, notValidAfter: keys.now.adding(KeyLifetimes.journalistIdentity))
            let profile = PostJournalistProfileBody(
                id: "bob", displayName: "Bob", sortName: "bob", description: "Reporter", isDesk: false,
                status: "VISIBLE")
            #expect(
                try await client.send(
                    .post, "/v1/public-keys/journalists", keys.form(profile, by: keys.journalistProvisioning)
                ).status == .ok)
            #expect(
                try await client.send(
                    .post, Self.uploadPath,
                    keys.form(
                        PostJournalistIdentityKeyBody(journalistId: "bob", journalistIdPk: bobKey.json),
                        by: keys.journalistProvisioning, offset: .seconds(1))
                ).status == .ok)

            let contested = try Self.newKey().hex
            #expect(try await client.send(.post, Self.queuePath, Self.request(keys, newKey: contested)).status == .ok)
            let bobsInner = try Self.inner(keys, newKey: contested, signer: bob)
            try await client.send(
                .post, Self.queuePath, Self.outer(keys, bobsInner, signer: bob), expecting: .badRequest,
                error: "the new identity key is queued by another journalist")
            let queue = try await client.send(.get, Self.queuePath).json([QueuedJournalistIdentityKeyForm].self)
            #expect(queue.map(\.journalistId) == [APITestKeys.journalistId])
        }
    }
}
