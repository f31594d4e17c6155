import Foundation
import Logging
import Testing
import TiplineAPIClient
import TiplineCore
import TiplineCoverNode
import TiplineEmbedded
import TiplineTestSupport

#if canImport(Glibc)
import Glibc
#endif

/// `tipline serve` in-process: the API, the appender and the CoverNode over one SQLite file on a loopback port.
@Suite("EmbeddedServer")
struct EmbeddedServerTests {
    @Test func startsOnLoopbackAnswersStopsAndRestartsOnItsFolder() async throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let server = EmbeddedServer(dataDirectory: folder.file("data"), port: 0, mixing: .test, logLevel: .critical)

        let url = try await Self.whileRunning(server) { url in
            #expect(url.hasPrefix("http://127.0.0.1:"))
            let health = try await APIClient(baseURL: url).healthCheck()
            #expect(health.status == "ok")
            // The first start ran the development ceremony and published its keys through its own API.
            let keys = try await APIClient(baseURL: url).publicKeys()
            #expect(!keys.keys.isEmpty)
        }
        // Stopped: nothing listens on its port any more.
        let port = try #require(URL(string: url)?.port)
        #expect(Self.acceptsConnections(port: port) == false)

        // A second start reuses the folder: the same trust anchors, and the database opens again.
        let anchors = try Data(contentsOf: URL(fileURLWithPath: server.trustAnchorsPath))
        try await Self.whileRunning(server) { url in
            let health = try await APIClient(baseURL: url).healthCheck()
            #expect(health.status == "ok")
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: server.trustAnchorsPath)) == anchors)
    }

    /// Whether something on 127.0.0.1 accepts a TCP connection on `port` (a fresh socket, so no pooled connection).
    private static func acceptsConnections(port: Int) -> Bool {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = in_port_t(UInt16(port)).bigEndian
        return withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
            }
        }
    }

    /// Starts `server`, runs `body` with its URL once it is ready, then stops it and waits until it has stopped.
    @discardableResult
    private static func whileRunning(
        _ server: EmbeddedServer, _ body: (String) async throws -> Void
    ) async throws -> String {
        let (urls, ready) = AsyncStream.makeStream(of: String.self)
        let running = Task { try await server.run { ready.yield($0) } }
        var iterator = urls.makeAsyncIterator()
        guard let url = await iterator.next() else {
            running.cancel()
            throw TestFailure("the embedded server stopped before it was ready")
        }
        do {
            try await body(url)
        } catch {
            running.cancel()
            _ = await running.result
            throw error
        }
        running.cancel()
        _ = await running.result
        return url
    }
}
