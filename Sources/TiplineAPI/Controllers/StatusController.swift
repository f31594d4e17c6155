import Foundation
import HTTPTypes
import Hummingbird
import Logging
import TiplineCore
import TiplineServer
import TiplineStorage

/// `GET`/`POST /v1/status`, `POST /v1/status/public-key` (admin keys) and `POST /v1/logging` (`spec/PROTOCOL.md` §6.2.1).
struct StatusController: Sendable {
    let dependencies: APIDependencies

    func addRoutes(to router: Router<BasicRequestContext>) {
        router.get("/v1/status") { request, _ in try await status(request) }
        router.post("/v1/status") { request, _ in try await postStatus(request) }
        router.post("/v1/status/public-key") { request, _ in try await postAdminKey(request) }
        router.post("/v1/logging") { request, _ in try await postLogging(request) }
    }

    private func status(_ request: Request) async throws -> Response {
        let body: SystemStatus
        if let event = try await dependencies.store.latestStatus() {
            body = SystemStatus(
                status: event.status, description: event.description,
                timestamp: Timestamp(microseconds: event.timestampMicros).rfc3339)
        } else {
            body = SystemStatus(
                status: "NO_INFORMATION", description: "No information available",
                timestamp: dependencies.clock.now().rfc3339)
        }
        return try CachedJSON.response(body, maxAge: 5, request: request)
    }

    private func postStatus(_ request: Request) async throws -> Response {
        try await dependencies.signed(request, by: .admin) { form in
            let event = try form.decode(PostSystemStatusBody.self).status
            guard SystemStatus.values.contains(event.status) else {
                throw APIError(.badRequest, "status must be one of \(SystemStatus.values.joined(separator: ", "))")
            }
            guard let timestamp = try? Timestamp(rfc3339: event.timestamp) else {
                throw APIError(.badRequest, "timestamp is not an RFC 3339 instant")
            }
            try await dependencies.store.recordStatus(
                StoredStatusEvent(
                    status: event.status, description: event.description, timestampMicros: timestamp.microseconds))
            return .emptyOK
        }
    }

    private func postAdminKey(_ request: Request) async throws -> Response {
        try await dependencies.signed(request, by: .organization) { form in
            let key = try KeyUpload.parse(form, as: SigningPublicKey<Role.Admin>.self)
            let parent = try KeyUpload.certifier(of: key, among: form.keys.verified.organizationKeys, in: form.keys)
            _ = try await dependencies.store.insert(
                key.publishedKey(role: .admin, parent: parent.key.bytes, owner: nil, now: form.keys.now))
            return .emptyOK
        }
    }

    /// Accepts a `RUST_LOG`-style directive and applies its global level (`info`, or `debug,hyper=info`: `debug`).
    private func postLogging(_ request: Request) async throws -> Response {
        try await dependencies.signed(request, by: .admin) { form in
            let directive = try form.decode(LoggingDirectiveBody.self).rustLogDirective
            let levels: [String: Logger.Level] = [
                "trace": .trace, "debug": .debug, "info": .info, "warn": .warning, "error": .error, "off": .critical,
            ]
            let global = directive.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
                .first { !$0.contains("=") }
            guard let global, let level = levels[global] else {
                throw APIError(
                    .badRequest, "the directive needs a global level: trace, debug, info, warn, error or off")
            }
            dependencies.logLevel.level = level
            return .emptyOK
        }
    }
}

/// `POST /v1/logging` body: `{"rust_log_directive": "..."}`.
struct LoggingDirectiveBody: Decodable {
    let rustLogDirective: String

    enum CodingKeys: String, CodingKey { case rustLogDirective = "rust_log_directive" }
}
