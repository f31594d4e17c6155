import AsyncHTTPClient
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import NIOHTTP1
import Testing
import TiplineAPI
import TiplineCore
import TiplineStorage

/// Real HTTP on loopback: many concurrent keep-alive clients post 10,000 messages (and some duplicates); the
/// stream then holds exactly the acknowledged messages, each once.
@Suite struct AppenderLiveTests {
    @Test func tenThousandConcurrentMessagesAreAllInTheStream() async throws {
        let harness = try APIHarness()
        let total = 10_000
        let workers = 32
        let messages = (0..<total).map { _ in SecureRandom.bytes(MessageStream.userToCoverNode.messageLength) }
        try await harness.app().test(.live) { testClient in
            let port = try #require(testClient.port)
            let http = HTTPClient(
                eventLoopGroup: HTTPClient.defaultEventLoopGroup,
                configuration: HTTPClient.Configuration(
                    connectionPool: .init(
                        idleTimeout: .seconds(30), concurrentHTTP1ConnectionsPerHostSoftLimit: workers)))
            do {
                let acknowledged = try await withThrowingTaskGroup(of: [Int].self) { group in
                    for worker in 0..<workers {
                        group.addTask {
                            var accepted: [Int] = []
                            // Every worker also re-posts its first message at the end: a duplicate.
                            let mine = Array(stride(from: worker, to: total, by: workers))
                            for index in mine + [mine[0]] {
                                var request = HTTPClientRequest(url: "http://127.0.0.1:\(port)/user/messages")
                                request.method = .POST
                                let text =
                                    index % 2 == 0
                                    ? Base64.encodePadded(messages[index]) : Base64.encodeUnpadded(messages[index])
                                request.body = .bytes(ByteBuffer(string: "\"\(text)\""))
                                let response = try await http.execute(request, timeout: .seconds(60))
                                if response.status == .ok { accepted.append(index) }
                            }
                            return accepted
                        }
                    }
                    return try await group.reduce(into: [Int]()) { $0 += $1 }
                }
                #expect(acknowledged.count == total + workers)
                let stored = try await harness.store.read(.userToCoverNode, after: 0, limit: total * 2)
                #expect(stored.count == Set(acknowledged).count)
                #expect(Set(stored.map { [UInt8]($0.message) }) == Set(Set(acknowledged).map { messages[$0] }))
            } catch {
                try await http.shutdown()
                throw error
            }
            try await http.shutdown()
        }
    }
}
