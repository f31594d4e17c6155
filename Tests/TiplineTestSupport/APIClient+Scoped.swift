import AsyncHTTPClient
package import TiplineAPIClient

/// Runs `body` with a client of the API on loopback `port` that has its own HTTP client, shut down afterwards, so
/// that no idle keep-alive connection outlives the test (a server waits for those when it stops).
package func withAPIClient<T: Sendable>(port: Int, _ body: (APIClient) async throws -> T) async throws -> T {
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
