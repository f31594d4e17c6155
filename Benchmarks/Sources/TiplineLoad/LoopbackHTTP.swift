import AsyncHTTPClient
import NIOCore
import NIOHTTP1

/// The few GET requests the drivers make besides their load: public keys, dead drops, metrics.
enum LoopbackHTTP {
    /// The body of a 200 answer to `GET url` (at most 16 MiB).
    static func get(_ url: String) async throws -> String {
        let response = try await HTTPClient.shared.execute(HTTPClientRequest(url: url), timeout: .seconds(30))
        let body = try await response.body.collect(upTo: 16 << 20)
        guard response.status == .ok else { throw BenchmarkFailure("GET \(url) answered \(response.status.code)") }
        return String(buffer: body)
    }
}
