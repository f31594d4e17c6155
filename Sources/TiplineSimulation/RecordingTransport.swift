package import Foundation
package import TiplineClient

/// An ``HTTPTransport`` that forwards to another one and records the shape of every exchange (``TrafficRecord``):
/// what a network observer learns about one installation.
package final class RecordingTransport: HTTPTransport, @unchecked Sendable {
    // Invariant: `records` is only touched while holding `lock`.
    private let lock = NSLock()
    private var records: [TrafficRecord] = []
    private let next: any HTTPTransport

    /// Records what goes through `next`.
    package init(forwardingTo next: any HTTPTransport) { self.next = next }

    /// Returns and forgets the records so far, oldest first.
    package func drain() -> [TrafficRecord] {
        lock.withLock {
            defer { records.removeAll() }
            return records
        }
    }

    package func get(_ url: URL) async throws -> HTTPResponse {
        try await record("GET", url, requestBytes: 0) { try await next.get(url) }
    }

    package func postJSON(_ url: URL, body: Data) async throws -> HTTPResponse {
        try await record("POST", url, requestBytes: body.count) { try await next.postJSON(url, body: body) }
    }

    private func record(
        _ method: String, _ url: URL, requestBytes: Int, _ exchange: () async throws -> HTTPResponse
    ) async throws -> HTTPResponse {
        let endpoint = url.path + (url.query.map { "?" + $0 } ?? "")
        do {
            let response = try await exchange()
            append(
                TrafficRecord(
                    method: method, endpoint: endpoint, requestBytes: requestBytes, status: response.status,
                    responseBytes: response.body.count))
            return response
        } catch {
            append(
                TrafficRecord(
                    method: method, endpoint: endpoint, requestBytes: requestBytes, status: nil, responseBytes: 0))
            throw error
        }
    }

    private func append(_ record: TrafficRecord) { lock.withLock { records.append(record) } }
}
