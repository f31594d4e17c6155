import Foundation
import HTTPTypes
import HummingbirdTesting
import Logging
import NIOCore
import Testing
import TiplineAPI
import TiplineCore
import TiplineServer
import TiplineTestSupport

@Suite struct GeneralRouteTests {
    @Test func healthCheckAnswersWithCacheControl() async throws {
        try await APIHarness().withRouter { client in
            let response = try await client.send(.get, "/v1/healthcheck")
            #expect(response.status == .ok)
            #expect(response.headers[.cacheControl] == "max-age=1")
            let body = try response.json(HealthCheck.self)
            #expect(body.name == "api")
            #expect(body.status == "ok")
        }
    }

    @Test func unknownRouteIsJSON404() async throws {
        try await APIHarness().withRouter { client in
            let response = try await client.send(.get, "/v1/nothing-here")
            #expect(response.status == .notFound)
            #expect(response.headers[.contentType] == "application/json")
            #expect(response.error != nil)
        }
    }

    /// Metrics live on the private listener only (`MetricsListener`): they could tell real messages from cover.
    @Test func theAPIDoesNotServeMetrics() async throws {
        let harness = try APIHarness()
        try await harness.withRouter { client in
            _ = try await client.send(.post, "/user/messages", ByteBuffer(string: "\"\""))
            let response = try await client.send(.get, "/metrics")
            #expect(response.status == .notFound)
            #expect(!response.text.contains("tipline_"))
            #expect(harness.metricsText.contains("tipline_http_requests_total"))
        }
    }

    @Test func metricsUseRouteTemplatesOnly() async throws {
        let harness = try APIHarness()
        try await harness.withSeededRouter { client in
            let secretHex = String(repeating: "ab", count: 32)
            _ = try await client.send(.get, "/v1/public-keys/journalists/identity-public-key/\(secretHex)")
            _ = try await client.send(.get, "/v1/user/dead-drops?ids_greater_than=12345&limit=7")
            let text = harness.metricsText
            #expect(text.contains("tipline_http_requests_total"))
            #expect(text.contains("route=\"/v1/public-keys/journalists/identity-public-key/{pk_hex}\""))
            #expect(text.contains("route=\"/v1/user/dead-drops\""))
            #expect(!text.contains(secretHex))
            #expect(!text.contains("12345"))
            #expect(text.contains("tipline_http_request_duration_seconds_bucket"))
        }
    }

    @Test func statusWithoutEventsIsNoInformation() async throws {
        let harness = try APIHarness()
        try await harness.withRouter { client in
            let response = try await client.send(.get, "/v1/status")
            #expect(response.status == .ok)
            #expect(response.headers[.cacheControl] == "max-age=5")
            let status = try response.json(SystemStatus.self)
            #expect(status.status == "NO_INFORMATION")
            #expect(status.description == "No information available")
            #expect(!status.isAvailable)
            #expect(status.timestamp == harness.keys.now.rfc3339)
        }
    }

    @Test func adminPostsStatusAndReadersSeeIt() async throws {
        try await APIHarness.withSeededRouter { _, keys, client in
            let event = SystemStatusEvent(status: "AVAILABLE", description: "All good", timestamp: keys.now.rfc3339)
            let posted = try await client.send(
                .post, "/v1/status", keys.form(PostSystemStatusBody(status: event), by: keys.admin))
            #expect(posted.status == .ok)
            #expect(posted.body.readableBytes == 0)
            let status = try await client.send(.get, "/v1/status").json(SystemStatus.self)
            #expect(status == SystemStatus(status: "AVAILABLE", description: "All good", timestamp: keys.now.rfc3339))
            #expect(status.isAvailable)
        }
    }

    @Test func statusRejectsUnknownValuesAndBadTimestamps() async throws {
        try await APIHarness.withSeededRouter { _, keys, client in
            let unknown = SystemStatusEvent(status: "FINE", description: "", timestamp: keys.now.rfc3339)
            let first = try await client.send(
                .post, "/v1/status", keys.form(PostSystemStatusBody(status: unknown), by: keys.admin))
            #expect(first.status == .badRequest)
            #expect(first.error?.hasPrefix("status must be one of") == true)
            let badTime = SystemStatusEvent(status: "AVAILABLE", description: "", timestamp: "yesterday")
            try await client.send(
                .post, "/v1/status", keys.form(PostSystemStatusBody(status: badTime), by: keys.admin),
                expecting: .badRequest, error: "timestamp is not an RFC 3339 instant")
        }
    }

    @Test func statusNeedsAnAdminKey() async throws {
        try await APIHarness.withSeededRouter { _, keys, client in
            let event = SystemStatusEvent(status: "AVAILABLE", description: "", timestamp: keys.now.rfc3339)
            // The organisation key is stored, but it is not an admin key.
            try await client.send(
                .post, "/v1/status", keys.form(PostSystemStatusBody(status: event), by: keys.organization),
                expecting: .unauthorized,
                error: "the signing key is expired, untrusted or not allowed to sign this form")
        }
    }

    @Test func adminKeyMustBeCertifiedByTheOrganization() async throws {
        try await APIHarness.withRouter { _, keys, client in
            let stranger = try SigningKeyPair<Role.Organization>.generate()
            let forged = try stranger.certify(keys.admin.publicKey, notValidAfter: keys.now.adding(.seconds(3600)))
            let response = try await client.send(
                .post, "/v1/status/public-key", keys.form(forged.json, by: keys.organization))
            #expect(response.status == .unauthorized)
            #expect(response.error?.contains("certificate does not verify against a current organization key") == true)
        }
    }

    @Test func loggingDirectiveChangesTheLevel() async throws {
        try await APIHarness.withSeededRouter { harness, keys, client in
            try await client.send(
                .post, "/v1/logging", keys.form(["rust_log_directive": "debug,hyper=info"], by: keys.admin),
                expecting: .ok)
            #expect(harness.logLevel.level == .debug)
            try await client.send(
                .post, "/v1/logging",
                keys.form(["rust_log_directive": "hyper=info"], by: keys.admin, offset: .seconds(1)),
                expecting: .badRequest)
            #expect(harness.logLevel.level == .debug)
        }
    }
}
