import Foundation
import TiplineAPIClient

/// Helpers for tests that talk to a `tipline` server process on loopback.
enum LocalServer {
    /// A port that was free a moment ago (the kernel picks it; the socket is closed again).
    static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { raw in
                bind(fd, raw, length) == 0 && getsockname(fd, raw, &length) == 0
            }
        }
        guard bound else { throw APIClientError(.unreachable, "no free loopback port") }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// Polls `condition` every half second until it is true or `timeout` passes.
    static func waitUntil(
        _ timeout: Duration, _ what: String, condition: () async throws -> Bool
    ) async throws {
        let deadline = ContinuousClock.now.advanced(by: timeout)
        while ContinuousClock.now < deadline {
            if (try? await condition()) == true { return }
            try await Task.sleep(for: .milliseconds(500))
        }
        throw APIClientError(.unreachable, "timed out waiting for \(what)")
    }
}
