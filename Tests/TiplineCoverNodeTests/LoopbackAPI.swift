import AsyncHTTPClient
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import TiplineAPI
import TiplineAPIClient
import TiplineCore
import TiplineStorage

/// The real Tipline API (`buildApplication`) on a free loopback port, over a SQLite file, for the duration of a test.
enum LoopbackAPI {
    static func run<T: Sendable>(
        database: String, anchors: [SignedPublicKey<SigningPublicKey<Role.Organization>>],
        clock: any WallClock = SystemWallClock(), _ body: @escaping @Sendable (APIClient, SQLiteStore) async throws -> T
    ) async throws -> T {
        let store = try SQLiteStore(path: database)
        defer { try? store.close() }
        let app = buildApplication(
            settings: APISettings(port: 0, database: database), store: store, trustAnchors: anchors, clock: clock)
        return try await app.test(.live) { client in
            let port = try #require(client.port)
            return try await withAPIClient(port: port) { try await body($0, store) }
        }
    }
}

/// Runs `body` with an API client that has its own HTTP client, shut down afterwards, so that no idle keep-alive
/// connection outlives the test (a server waits for those when it stops).
func withAPIClient<T: Sendable>(port: Int, _ body: (APIClient) async throws -> T) async throws -> T {
    let http = HTTPClient(eventLoopGroupProvider: .singleton)
    do {
        let value = try await body(APIClient(baseURL: "http://127.0.0.1:\(port)", http: http))
        try await http.shutdown()
        return value
    } catch {
        try? await http.shutdown()
        throw error
    }
}
