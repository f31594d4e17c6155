import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import Testing
import TiplineCore
import TiplineStorage
import TiplineTestSupport

/// The real API over a SQLite database on a small tmpfs, over real HTTP: sources post until the disk is full. The
/// appender refuses with a clear 503 and the error JSON (never 200 for a message it did not store), the GET routes
/// keep answering, and once space is freed it accepts again; the stream holds exactly the acknowledged messages.
@Suite("Appender on a full disk", .enabled(if: SmallFileSystem.isAvailable, "needs root to mount a tmpfs"))
struct AppenderDiskFullTests {
    private static let workers = 8

    @Test(.timeLimit(.minutes(2)))
    func aFullDiskIsA503ThatLosesNothingAndTheAppenderRecovers() async throws {
        let disk = try SmallFileSystem(bytes: 4 << 20)
        defer { disk.unmount() }
        let api = try await LoopbackAPI.start(in: disk.directory, trustAnchors: [])
        let http = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup)
        do {
            // Room for about a hundred messages: each commit adds a few pages to the WAL (on the same disk).
            try disk.fill(leaving: 1 << 20)
            let outcomes = try await postUntilRefused(http, api.baseURL)
            let acknowledged = outcomes.filter { $0.status == 200 }.map(\.message)
            let refused = outcomes.filter { $0.status != 200 }
            #expect(!acknowledged.isEmpty)
            #expect(!refused.isEmpty, "the disk never filled up")
            for outcome in refused {
                #expect(outcome.status == 503)
                #expect(outcome.body == #"{"error":"Storage is full, try again later"}"#)
            }
            // Exactly the acknowledged messages are in the stream: none of the refused ones.
            #expect(try await streamMessages(api.store) == Set(acknowledged))

            // The read routes keep answering while the disk is full.
            for path in ["/v1/healthcheck", "/v1/public-keys", "/v1/user/dead-drops?ids_greater_than=0"] {
                #expect(try await get(http, api.baseURL, path) == 200, "\(path)")
            }

            // Once space is freed, the sources' retries are stored.
            disk.free()
            for outcome in refused {
                #expect(try await post(http, api.baseURL, outcome.message).status == 200)
            }
            #expect(try await streamMessages(api.store) == Set(outcomes.map(\.message)))
        } catch {
            try await http.shutdown()
            await api.stop()
            throw error
        }
        try await http.shutdown()
        await api.stop()
    }

    private struct Outcome: Sendable {
        let message: [UInt8]
        let status: UInt
        let body: String
    }

    /// Posts new messages from concurrent sources until each has been refused once (or has sent its share).
    private func postUntilRefused(_ http: HTTPClient, _ baseURL: URL) async throws -> [Outcome] {
        try await withThrowingTaskGroup(of: [Outcome].self) { group in
            for _ in 0..<Self.workers {
                group.addTask {
                    var outcomes: [Outcome] = []
                    for _ in 0..<2_000 {
                        let message = SecureRandom.bytes(MessageStream.userToCoverNode.messageLength)
                        let outcome = try await post(http, baseURL, message)
                        outcomes.append(outcome)
                        if outcome.status != 200 { break }
                    }
                    return outcomes
                }
            }
            return try await group.reduce(into: []) { $0 += $1 }
        }
    }

    private func post(_ http: HTTPClient, _ baseURL: URL, _ message: [UInt8]) async throws -> Outcome {
        var request = HTTPClientRequest(url: baseURL.absoluteString + "/user/messages")
        request.method = .POST
        request.body = .bytes(ByteBuffer(string: "\"\(Base64.encodePadded(message))\""))
        let response = try await http.execute(request, timeout: .seconds(30))
        let body = try await response.body.collect(upTo: 1 << 16)
        return Outcome(message: message, status: response.status.code, body: String(buffer: body))
    }

    private func get(_ http: HTTPClient, _ baseURL: URL, _ path: String) async throws -> UInt {
        let response = try await http.execute(
            HTTPClientRequest(url: baseURL.absoluteString + path), timeout: .seconds(30))
        _ = try await response.body.collect(upTo: 1 << 20)
        return response.status.code
    }

    private func streamMessages(_ store: SQLiteStore) async throws -> Set<[UInt8]> {
        Set(try await store.read(.userToCoverNode, after: 0, limit: 1_000_000).map { [UInt8]($0.message) })
    }
}
