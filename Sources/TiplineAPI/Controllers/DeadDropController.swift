import Foundation
import HTTPTypes
import Hummingbird
import TiplineCore
import TiplineStorage

/// The two dead-drop lists (`spec/PROTOCOL.md` §5, §6.2.3): paged GETs for readers and journalists, signed POSTs
/// from the CoverNode, and the 10-newest summaries.
///
/// Unlike CoverDrop, re-posting a dead drop that is already stored is a 200 (CoverDrop answers 500 and its
/// CoverNode retries forever), and a dead drop whose data is not whole messages is a 400.
///
/// A POST is checked cheapest first: body size, JSON and shape; then whether the identical dead drop is already
/// stored (200 before anything else, even when its signing key has since expired or been pruned: a CoverNode that
/// got a 4xx would forget the release and mix its messages again); only then the verified hierarchy (cached) and
/// the signature.
struct DeadDropController: Sendable {
    static let summaryCount = 10
    static let maxAge = 300

    let dependencies: APIDependencies

    func addRoutes(to router: Router<BasicRequestContext>) {
        for kind in DeadDropKind.allCases {
            let path = "/v1/\(kind.rawValue)/dead-drops"
            router.get(RouterPath(path)) { request, _ in try await list(kind, request) }
            router.post(RouterPath(path)) { request, _ in try await publish(kind, request) }
            router.get(RouterPath(path + "/recent-summary")) { request, _ in
                let summary = try await dependencies.store.recentSummary(kind, count: Self.summaryCount).map {
                    DeadDropSummaryJSON(id: $0.id, createdAt: Timestamp(microseconds: $0.createdAtMicros).rfc3339)
                }
                return try CachedJSON.response(summary, maxAge: Self.maxAge, request: request)
            }
        }
    }

    /// `ids_greater_than` is required and strictly exclusive; `limit` may only lower the per-kind cap.
    private func list(_ kind: DeadDropKind, _ request: Request) async throws -> Response {
        let query = request.uri.queryParameters
        guard let after = query["ids_greater_than"].flatMap({ Int32($0) }) else {
            throw APIError(.badRequest, "Failed to deserialize query string: ids_greater_than must be a 32-bit integer")
        }
        let cap =
            kind == .user ? dependencies.settings.userDeadDropLimit : dependencies.settings.journalistDeadDropLimit
        var limit = cap
        if let text = query["limit"] {
            guard let requested = Int(text), requested >= 0 else {
                throw APIError(.badRequest, "Failed to deserialize query string: limit must be a non-negative integer")
            }
            limit = min(cap, requested)
        }
        let drops = try await dependencies.store.list(kind, idsGreaterThan: after, limit: limit)
        return try CachedJSON.response(
            DeadDropListJSON(deadDrops: drops.map(\.json)), maxAge: Self.maxAge, request: request)
    }

    /// Answers 200 for an identical stored dead drop; otherwise verifies the CoverNode's signature against every
    /// verified CoverNode identity key, then stores idempotently.
    private func publish(_ kind: DeadDropKind, _ request: Request) async throws -> Response {
        let json = try await RequestBody.decode(
            DeadDropJSON.self, from: request, limit: dependencies.settings.deadDropBodyLimit)
        let drop: DeadDrop
        do {
            drop = try json.deadDrop(kind: kind)
        } catch let error as TiplineCoreError {
            throw APIError(.badRequest, "invalid dead drop: \(error.message)")
        }
        guard !drop.data.isEmpty else { throw APIError(.badRequest, "invalid dead drop: it holds no messages") }
        if let stored = try await dependencies.store.find(kind, data: Data(drop.data)),
            stored.signature == Data(drop.signature.bytes), stored.createdAtMicros == drop.createdAt.microseconds,
            stored.epoch == drop.epoch
        {
            return .emptyOK
        }
        let keys = try await dependencies.keys()
        guard drop.isSigned(byAnyOf: keys.verified.allCoverNodeIdentityKeys, at: keys.now) else {
            throw APIError(.unauthorized, "dead drop signature verification failed")
        }
        _ = try await dependencies.store.append(
            kind, data: Data(drop.data), createdAtMicros: drop.createdAt.microseconds,
            signature: Data(drop.signature.bytes), epoch: drop.epoch)
        return .emptyOK
    }
}
