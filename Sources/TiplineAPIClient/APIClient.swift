package import AsyncHTTPClient
import Foundation
import NIOCore
package import NIOHTTP1
package import TiplineCore

/// A typed client of the Tipline (CoverDrop v1) API, used by journalists, the CoverNode, the admin tools and tests.
///
/// `baseURL` is the API root without `/v1` (for example `http://127.0.0.1:3000`); the appender's
/// `POST /user/messages` goes to `appenderURL`, which defaults to the same host.
package struct APIClient: Sendable {
    /// The API root, without the `/v1` prefix.
    package let baseURL: String
    /// The appender root (CoverDrop serves it on another host).
    package let appenderURL: String
    private let http: HTTPClient
    private let timeout: TimeAmount
    /// Largest response body accepted.
    package static let maxResponseBytes = 32 * 1024 * 1024

    /// Creates a client.
    package init(
        baseURL: String, appenderURL: String? = nil, http: HTTPClient = .shared, timeout: Duration = .seconds(30)
    ) {
        self.baseURL = Self.trimmed(baseURL)
        self.appenderURL = Self.trimmed(appenderURL ?? baseURL)
        self.http = http
        self.timeout = .nanoseconds(
            Int64(timeout.components.seconds) * 1_000_000_000 + timeout.components.attoseconds / 1_000_000_000)
    }

    private static func trimmed(_ url: String) -> String {
        var url = url
        while url.hasSuffix("/") { url.removeLast() }
        return url
    }

    // MARK: Public data

    /// `GET /v1/public-keys`.
    package func publicKeys() async throws -> PublicKeysResponse {
        try decode(PublicKeysResponse.self, await send(.GET, "/v1/public-keys"))
    }

    /// `GET /v1/status`.
    package func status() async throws -> SystemStatus {
        try decode(SystemStatus.self, await send(.GET, "/v1/status"))
    }

    /// `GET /v1/healthcheck`.
    package func healthCheck() async throws -> HealthCheck {
        try decode(HealthCheck.self, await send(.GET, "/v1/healthcheck"))
    }

    /// `GET /v1/{user|journalist}/dead-drops?ids_greater_than=&limit=`: dead drops with their ids, ascending.
    /// Shape errors are thrown; signatures are for the caller to verify.
    package func deadDrops(
        _ kind: DeadDropKind, idsGreaterThan id: Int32, limit: Int? = nil
    ) async throws -> [(id: Int32, deadDrop: DeadDrop)] {
        var path = "/v1/\(kind.rawValue)/dead-drops?ids_greater_than=\(id)"
        if let limit { path += "&limit=\(limit)" }
        let list = try decode(DeadDropListJSON.self, await send(.GET, path))
        return try list.deadDrops.map { json in
            guard let id = json.id else { throw APIClientError(.invalidResponse, "a dead drop has no id") }
            return (id, try json.deadDrop(kind: kind))
        }
    }

    /// `GET /v1/{user|journalist}/dead-drops/recent-summary`: the newest ids, newest first.
    package func recentDeadDrops(_ kind: DeadDropKind) async throws -> [DeadDropSummaryJSON] {
        try decode([DeadDropSummaryJSON].self, await send(.GET, "/v1/\(kind.rawValue)/dead-drops/recent-summary"))
    }

    // MARK: Writes

    /// `POST /user/messages` on the appender: one 773-byte U2C message as a JSON string of base64.
    package func postUserMessage(_ message: [UInt8]) async throws {
        _ = try await send(.POST, "/user/messages", body: json(Base64.encodeUnpadded(message)), root: appenderURL)
    }

    /// `POST /v1/{user|journalist}/dead-drops`: publishes a signed dead drop (idempotent on the Tipline API).
    package func publish(_ deadDrop: DeadDrop) async throws {
        _ = try await send(.POST, "/v1/\(deadDrop.kind.rawValue)/dead-drops", body: json(deadDrop.json()))
    }

    /// `POST /v1/journalist-messages`: a form (signed by a journalist identity key) whose body is the JSON string
    /// of the base64 of a 730-byte J2C.
    package func postJournalistMessage(_ form: SignedForm) async throws {
        _ = try await send(.POST, "/v1/journalist-messages", body: json(form))
    }

    /// POSTs (or PATCHes/DELETEs) a signed form to `path` and returns the raw response body.
    @discardableResult
    package func submit(_ form: SignedForm, to path: String, method: HTTPMethod = .POST) async throws -> [UInt8] {
        try await send(method, path, body: json(form))
    }

    /// Submits a key-upload form and returns the epoch the API assigned (a bare JSON integer).
    package func submitKeyUpload(_ form: SignedForm, to path: String) async throws -> Int32 {
        try decode(Int32.self, await submit(form, to: path))
    }

    // MARK: Transport

    private func json<T: Encodable>(_ value: T) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        return Array(try encoder.encode(value))
    }

    func decode<T: Decodable>(_ type: T.Type, _ body: [UInt8]) throws -> T {
        do {
            return try JSONDecoder().decode(type, from: Data(body))
        } catch {
            throw APIClientError(.invalidResponse, "unexpected JSON for \(type)")
        }
    }

    func send(
        _ method: HTTPMethod, _ path: String, body: [UInt8]? = nil, root: String? = nil
    ) async throws -> [UInt8] {
        var request = HTTPClientRequest(url: (root ?? baseURL) + path)
        request.method = method
        if let body {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(bytes: body))
        }
        let response: HTTPClientResponse
        let bytes: ByteBuffer
        do {
            response = try await http.execute(request, timeout: timeout)
            bytes = try await response.body.collect(upTo: Self.maxResponseBytes)
        } catch {
            throw APIClientError(.unreachable, "\(method) \(path.split(separator: "?").first ?? "") failed")
        }
        let payload = Array(bytes.readableBytesView)
        guard (200..<300).contains(Int(response.status.code)) else {
            let message =
                (try? JSONDecoder().decode(APIErrorBody.self, from: Data(payload)))?.error
                ?? response.status.reasonPhrase
            throw APIClientError(.status(Int(response.status.code)), message)
        }
        return payload
    }
}
