import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing
import TiplineAPI
import TiplineCore
import TiplineStorage

@Suite struct AppenderTests {
    private static func message() -> [UInt8] { SecureRandom.bytes(MessageStream.userToCoverNode.messageLength) }

    private static func post(
        _ client: some TestClientProtocol, _ text: String, headers: HTTPFields = [:]
    ) async throws
        -> TestResponse
    {
        try await client.send(.post, "/user/messages", ByteBuffer(string: text), headers: headers)
    }

    @Test func paddedUnpaddedAndEscapedFormsAreStored() async throws {
        let harness = try APIHarness()
        try await harness.withRouter { client in
            var messages: [[UInt8]] = []
            // Find a message whose base64 has a "/" to check JSON escapes.
            var slashed = Self.message()
            while !Base64.encodePadded(slashed).contains("/") { slashed = Self.message() }
            let bodies: [([UInt8], String)] = [
                {
                    let m = Self.message(); return (m, "\"\(Base64.encodePadded(m))\"")
                }(),
                {
                    let m = Self.message(); return (m, "\"\(Base64.encodeUnpadded(m))\"")
                }(),
                {
                    let m = Self.message(); return (m, " \n\"\(Base64.encodeUnpadded(m))\"\r\n")
                }(),
                (slashed, "\"\(Base64.encodePadded(slashed).replacingOccurrences(of: "/", with: "\\/"))\""),
            ]
            for (message, body) in bodies {
                let response = try await Self.post(client, body, headers: [.contentType: "text/plain"])
                #expect(response.status == .ok, "\(response.text)")
                #expect(response.body.readableBytes == 0)
                messages.append(message)
            }
            let stored = try await harness.store.read(.userToCoverNode, after: 0, limit: 10).map { [UInt8]($0.message) }
            #expect(stored == messages)
        }
    }

    @Test func duplicatesAreAcknowledgedButStoredOnce() async throws {
        let harness = try APIHarness()
        try await harness.withRouter { client in
            let message = Self.message()
            for body in ["\"\(Base64.encodePadded(message))\"", "\"\(Base64.encodeUnpadded(message))\""] {
                #expect(try await Self.post(client, body).status == .ok)
            }
            let stored = try await harness.store.read(.userToCoverNode, after: 0, limit: 10)
            #expect(stored.count == 1)
            let metrics = harness.metricsText
            #expect(metrics.contains(#"tipline_appender_messages_total{outcome="stored"} 1"#))
            #expect(metrics.contains(#"tipline_appender_messages_total{outcome="duplicate"} 1"#))
        }
    }

    @Test func malformedMessagesAre400WithJSONErrors() async throws {
        let harness = try APIHarness()
        try await harness.withRouter { client in
            let cases: [(String, String)] = [
                ("\"\(Base64.encodeUnpadded(SecureRandom.bytes(772)))\"", "a message is 773 bytes, got 772"),
                ("\"\(Base64.encodeUnpadded(SecureRandom.bytes(774)))\"", "a message is 773 bytes, got 774"),
                ("\"\"", "a message is 773 bytes, got 0"),
                ("\"@@@@\"", "the message is not valid base64"),
                ("\"\(Base64.encodeUnpadded(Self.message())) \"", "the message is not valid base64"),
                (Base64.encodeUnpadded(Self.message()), "Failed to parse json: malformed JSON"),
                ("{\"message\": \"abc\"}", "Failed to parse json: wrong type at the top level"),
                ("", "Failed to parse json: malformed JSON"),
                ("\"abc", "Failed to parse json: malformed JSON"),
            ]
            for (body, error) in cases {
                let response = try await Self.post(client, body)
                #expect(response.status == .badRequest, "\(body.prefix(20))")
                #expect(response.error == error, "\(body.prefix(20))")
                #expect(response.headers[.contentType] == "application/json")
            }
            #expect(try await harness.store.read(.userToCoverNode, after: 0, limit: 10).isEmpty)
        }
    }

    @Test func oversizedBodiesAre413() async throws {
        let harness = try APIHarness()
        try await harness.withRouter { client in
            let response = try await Self.post(client, "\"" + String(repeating: "A", count: 9000) + "\"")
            #expect(response.status == .contentTooLarge)
            #expect(response.error == "request body is larger than 8192 bytes")
        }
    }

    @Test func fullQueueIs429() async throws {
        var settings = APISettings(port: 0)
        settings.appenderMaxPending = 1
        settings.appenderMaxBatch = 1
        let harness = try APIHarness(settings: settings)
        try await harness.withRouter { client in
            let statuses = try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                for _ in 0..<32 {
                    group.addTask { try await Self.post(client, "\"\(Base64.encodeUnpadded(Self.message()))\"").status }
                }
                return try await group.reduce(into: [HTTPResponse.Status]()) { $0.append($1) }
            }
            #expect(Set(statuses).isSubset(of: [.ok, .tooManyRequests]))
            #expect(statuses.contains(.ok))
            let stored = try await harness.store.read(.userToCoverNode, after: 0, limit: 100).count
            #expect(stored == statuses.filter { $0 == .ok }.count)
        }
    }
}
