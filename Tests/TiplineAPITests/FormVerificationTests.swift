import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing
import TiplineAPI
import TiplineCore
import TiplineTestSupport

/// Every way a signed form can be refused, exercised on `POST /v1/status` (admin, online policy) and on a
/// provisioning-key upload (organisation, ceremony policy).
@Suite struct FormVerificationTests {
    @Test func unknownSignerIs404() async throws {
        try await APIHarness.withSeededRouter { _, keys, client in
            let stranger = try SigningKeyPair<Role.Admin>.generate()
            try await client.send(
                .post, "/v1/status", keys.form(keys.statusBody, by: stranger), expecting: .notFound,
                error: "Signing key not found")
        }
    }

    @Test func expiredSigningKeyIs401() async throws {
        try await APIHarness.withSeededRouter { harness, keys, client in
            // The CoverNode identity key is valid for 4 weeks; a form signed a minute after it expired is refused.
            harness.clock.set(keys.coverNodeIdentityKey.notValidAfter.adding(.seconds(60)))
            let late = keys.coverNodeIdentityKey.notValidAfter.duration(since: keys.now) + .seconds(60)
            try await client.send(
                .post, "/v1/public-keys/covernode/messaging-public-key",
                keys.form(keys.coverNodeMessagingKey.json, by: keys.coverNodeIdentity, offset: late),
                expecting: .unauthorized,
                error: "the signing key is expired, untrusted or not allowed to sign this form")
        }
    }

    @Test func badSignatureIs401() async throws {
        try await APIHarness.withSeededRouter { _, keys, client in
            try await client.send(
                .post, "/v1/status", keys.tamperedForm(keys.statusBody, by: keys.admin), expecting: .unauthorized,
                error: "signature verification failed")
        }
    }

    @Test func expiredFormIs401() async throws {
        try await APIHarness.withSeededRouter { _, keys, client in
            let form = try keys.form(keys.statusBody, by: keys.admin, offset: .seconds(-7200))
            try await client.send(.post, "/v1/status", form, expecting: .unauthorized, error: "the form has expired")
        }
    }

    @Test func formFromTheFutureIs401() async throws {
        try await APIHarness.withSeededRouter { _, keys, client in
            let form = try keys.form(keys.statusBody, by: keys.admin, offset: .seconds(600))
            try await client.send(
                .post, "/v1/status", form, expecting: .unauthorized, error: "the form was created in the future")
        }
    }

    @Test func overLongLifetimeIs401ForOnlineKeys() async throws {
        try await APIHarness.withSeededRouter { _, keys, client in
            let form = try keys.form(keys.statusBody, by: keys.admin, lifetime: .seconds(2 * 3600))
            let response = try await client.send(.post, "/v1/status", form)
            #expect(response.status == .unauthorized)
            #expect(response.error?.hasPrefix("the form's lifetime exceeds") == true)
        }
    }

    @Test func ceremonyKeysMaySignFourWeekFormsButNotLonger() async throws {
        try await APIHarness.withRouter { _, keys, client in
            let path = "/v1/public-keys/covernode/provisioning-public-key"
            let tooLong = try keys.form(
                keys.coverNodeProvisioningKey.json, by: keys.organization,
                lifetime: SignedForm.bundleLifetime + .seconds(1))
            #expect(try await client.send(.post, path, tooLong).status == .unauthorized)
            let bundle = try keys.form(
                keys.coverNodeProvisioningKey.json, by: keys.organization, lifetime: SignedForm.bundleLifetime)
            #expect(try await client.send(.post, path, bundle).status == .ok)
        }
    }

    @Test func replayedFormIs409() async throws {
        try await APIHarness.withSeededRouter { _, keys, client in
            let form = try keys.form(keys.statusBody, by: keys.admin)
            #expect(try await client.send(.post, "/v1/status", form).status == .ok)
            try await client.send(
                .post, "/v1/status", form, expecting: .conflict, error: "this signed form was already used")
        }
    }

    @Test func malformedFormJSONIs400() async throws {
        try await APIHarness().withRouter { client in
            try await client.send(
                .post, "/v1/status", ByteBuffer(string: "{not json"), expecting: .badRequest,
                error: "Failed to parse json: malformed JSON")
            try await client.send(
                .post, "/v1/status", ByteBuffer(string: #"{"body": "e30="}"#), expecting: .badRequest,
                error: "Failed to parse json: missing field 'signature'")
            try await client.send(
                .post, "/v1/status",
                ByteBuffer(
                    string:
                        #"{"body":"e30=","signature":"zz","created_at":"2030-01-01T00:00:00Z","not_valid_after":"2030-01-01T00:00:00Z","signing_pk":"00"}"#
                ), expecting: .badRequest, error: "Failed to parse json: invalid value at 'signature'")
        }
    }

    @Test func verifiedFormWithWrongBodyIs400() async throws {
        try await APIHarness.withSeededRouter { _, keys, client in
            try await client.send(
                .post, "/v1/status", keys.form(["status": "AVAILABLE"], by: keys.admin), expecting: .badRequest,
                error: "Failed to parse json: wrong type at 'status'")
        }
    }

    @Test func oversizedFormIs413() async throws {
        try await APIHarness.withSeededRouter { _, keys, client in
            let huge = PostSystemStatusBody(
                status: SystemStatusEvent(
                    status: "AVAILABLE", description: String(repeating: "x", count: 70_000), timestamp: keys.now.rfc3339
                ))
            try await client.send(
                .post, "/v1/status", keys.form(huge, by: keys.admin), expecting: .contentTooLarge,
                error: "request body is larger than 65536 bytes")
        }
    }
}
