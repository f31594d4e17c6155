import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import Prometheus
import Testing
import TiplineAPI
import TiplineCore
import TiplineServer
import TiplineStorage
import TiplineTestSupport

/// A TiplineAPI app on a fresh SQLite file in a ``TemporaryDirectory``, with a manual wall clock at the keys' `now`.
final class APIHarness: Sendable {
    let keys: APITestKeys
    let directory: TemporaryDirectory
    let store: SQLiteStore
    let clock: ManualWallClock
    let registry = PrometheusCollectorRegistry()
    let logLevel = LogLevelControl(.info)
    let settings: APISettings

    init(settings: APISettings = APISettings(port: 0)) throws {
        keys = try APITestKeys()
        directory = try TemporaryDirectory()
        store = try SQLiteStore(path: directory.file("tipline.sqlite"))
        clock = ManualWallClock(start: keys.now)
        self.settings = settings
    }

    /// The Prometheus text of ``registry`` (what a private metrics listener would serve).
    var metricsText: String { String(decoding: registry.emitToBuffer(), as: UTF8.self) }

    deinit { try? store.close() }

    /// The app on ``store``, or on `other` (a wrapper of it).
    func app(
        store other: (any TiplineStore)? = nil, onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }
    ) -> APIApplication {
        buildApplication(
            settings: settings, store: other ?? store, trustAnchors: [keys.anchor], clock: clock, registry: registry,
            logLevel: logLevel, onServerRunning: onServerRunning)
    }

    /// Runs `test` against the app (on ``store`` or `other`) in-process (no sockets).
    func withRouter(
        store other: (any TiplineStore)? = nil,
        _ test: @escaping @Sendable (any TestClientProtocol) async throws -> Void
    ) async throws {
        try await app(store: other).test(.router) { client in try await test(client) }
    }

    /// Runs `test` against the app of a fresh harness, in-process; `test` gets the harness and its keys too.
    static func withRouter(
        _ test: @escaping @Sendable (APIHarness, APITestKeys, any TestClientProtocol) async throws -> Void
    ) async throws {
        let harness = try APIHarness()
        try await harness.withRouter { client in try await test(harness, harness.keys, client) }
    }

    /// Like the static `withRouter`, after uploading the whole hierarchy through the API.
    static func withSeededRouter(
        _ test: @escaping @Sendable (APIHarness, APITestKeys, any TestClientProtocol) async throws -> Void
    ) async throws {
        let harness = try APIHarness()
        try await harness.withSeededRouter { client in try await test(harness, harness.keys, client) }
    }

    /// Runs `test` after uploading the whole hierarchy through the API.
    func withSeededRouter(
        store other: (any TiplineStore)? = nil,
        _ test: @escaping @Sendable (any TestClientProtocol) async throws -> Void
    ) async throws {
        let keys = keys
        try await withRouter(store: other) { client in
            try await client.seed(keys)
            try await test(client)
        }
    }
}

extension TestClientProtocol {
    /// Sends `body` and returns the response.
    func send(
        _ method: HTTPRequest.Method, _ uri: String, _ body: ByteBuffer? = nil, headers: HTTPFields = [:]
    )
        async throws -> TestResponse
    {
        try await execute(uri: uri, method: method, headers: headers, body: body)
    }

    /// Sends `body`, expects the answer `status` and, when `error` is given, that JSON error; returns the response.
    @discardableResult
    func send(
        _ method: HTTPRequest.Method, _ uri: String, _ body: ByteBuffer? = nil, headers: HTTPFields = [:],
        expecting status: HTTPResponse.Status, error: String? = nil, sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> TestResponse {
        let response = try await send(method, uri, body, headers: headers)
        #expect(response.status == status, "\(method) \(uri): \(response.text)", sourceLocation: sourceLocation)
        if let error {
            #expect(response.error == error, sourceLocation: sourceLocation)
        }
        return response
    }

    /// Uploads admin, provisioning, identity and messaging keys and the journalist's profile, expecting success.
    func seed(_ keys: APITestKeys) async throws {
        let steps: [(HTTPRequest.Method, String, ByteBuffer)] = [
            (.post, "/v1/status/public-key", try keys.form(keys.adminKey.json, by: keys.organization)),
            (
                .post, "/v1/public-keys/covernode/provisioning-public-key",
                try keys.form(keys.coverNodeProvisioningKey.json, by: keys.organization)
            ),
            (
                .post, "/v1/public-keys/journalists/provisioning-public-key",
                try keys.form(keys.journalistProvisioningKey.json, by: keys.organization)
            ),
            (
                .post, "/v1/public-keys/covernode/identity-public-key",
                try keys.form(
                    PostCoverNodeIdentityKeyBody(
                        covernodeId: APITestKeys.coverNodeId, covernodeIdPk: keys.coverNodeIdentityKey.json),
                    by: keys.coverNodeProvisioning)
            ),
            (
                .post, "/v1/public-keys/covernode/messaging-public-key",
                try keys.form(keys.coverNodeMessagingKey.json, by: keys.coverNodeIdentity)
            ),
            (
                .post, "/v1/public-keys/journalists",
                try keys.form(
                    PostJournalistProfileBody(
                        id: APITestKeys.journalistId, displayName: "Alice", sortName: "alice", description: "Reporter",
                        isDesk: false, status: "VISIBLE"),
                    by: keys.journalistProvisioning)
            ),
            (
                .post, "/v1/public-keys/journalists/identity-public-key",
                try keys.form(
                    PostJournalistIdentityKeyBody(
                        journalistId: APITestKeys.journalistId, journalistIdPk: keys.journalistIdentityKey.json),
                    by: keys.journalistProvisioning)
            ),
            (
                .post, "/v1/public-keys/journalists/messaging-public-key",
                try keys.form(keys.journalistMessagingKey.json, by: keys.journalistIdentity)
            ),
        ]
        for (method, uri, body) in steps {
            let response = try await send(method, uri, body)
            try #require(response.status == .ok, "\(uri): \(response.status) \(response.text)")
        }
    }
}

extension TestResponse {
    var text: String { String(buffer: body) }

    /// The body decoded as JSON.
    func json<T: Decodable>(_ type: T.Type) throws -> T {
        try JSONDecoder().decode(type, from: Data(body.readableBytesView))
    }

    /// The `error` field of a JSON error body.
    var error: String? { try? json(APIErrorBody.self).error }
}
