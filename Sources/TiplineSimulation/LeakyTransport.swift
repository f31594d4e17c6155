import Foundation
import TiplineClient

/// TEST ONLY: an ``HTTPTransport`` that applies a ``TrafficLeak`` to the message POSTs that follow a real message
/// being queued (real messages leave the queue first, so the next POST carries it). Without an armed leak it only
/// forwards.
final class LeakyTransport: HTTPTransport, @unchecked Sendable {
    /// Bytes added to a leaking message POST (JSON whitespace, which the API accepts).
    static let extraBytes = 8

    // Invariant: `armed` is only touched while holding `lock`.
    private let lock = NSLock()
    private var armed = 0
    private let leak: TrafficLeak?
    private let next: any HTTPTransport
    private let statusURL: URL

    init(leak: TrafficLeak?, statusURL: URL, forwardingTo next: any HTTPTransport) {
        self.leak = leak
        self.statusURL = statusURL
        self.next = next
    }

    /// A real message was queued: the next message POST carries it (armed only for the leaks that change that POST).
    func realMessageQueued() {
        guard leak == .longerMessage || leak == .extraRequest else { return }
        lock.withLock { armed += 1 }
    }

    func get(_ url: URL) async throws -> HTTPResponse { try await next.get(url) }

    func postJSON(_ url: URL, body: Data) async throws -> HTTPResponse {
        guard url.path.hasSuffix("/user/messages"), takeArmed() else { return try await next.postJSON(url, body: body) }
        if leak == .longerMessage {
            return try await next.postJSON(url, body: body + Data(repeating: 0x20, count: Self.extraBytes))
        }
        let response = try await next.postJSON(url, body: body)
        _ = try? await next.get(statusURL)
        return response
    }

    private func takeArmed() -> Bool {
        lock.withLock {
            guard armed > 0 else { return false }
            armed -= 1
            return true
        }
    }
}
