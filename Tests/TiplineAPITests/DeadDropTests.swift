import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing
import TiplineAPI
import TiplineCore
import TiplineTestSupport

@Suite struct DeadDropTests {
    @Test(arguments: DeadDropKind.allCases)
    func postedDeadDropsAreListedAndRepostsAreIdempotent(kind: DeadDropKind) async throws {
        try await APIHarness.withSeededRouter { _, keys, client in
            let path = "/v1/\(kind.rawValue)/dead-drops"
            let drop = try keys.deadDrop(kind, count: 3)
            let body = try keys.json(drop.json())
            let first = try await client.send(.post, path, body)
            #expect(first.status == .ok)
            #expect(first.body.readableBytes == 0)
            try await client.send(.post, path, body, expecting: .ok)

            let list = try await client.send(.get, "\(path)?ids_greater_than=0")
            #expect(list.status == .ok)
            #expect(list.headers[.cacheControl] == "max-age=300")
            let drops = try list.json(DeadDropListJSON.self).deadDrops
            #expect(drops.count == 1)
            let listed = try #require(drops.first)
            #expect(try listed.deadDrop(kind: kind) == drop)
            #expect(listed.epoch == drop.epoch)
            #expect(!listed.data.hasSuffix("="))

            let summary = try await client.send(.get, "\(path)/recent-summary")
            #expect(summary.headers[.cacheControl] == "max-age=300")
            #expect(try summary.json([DeadDropSummaryJSON].self).map(\.id) == [try #require(listed.id)])
            #expect(summary.text.contains("\"createdAt\""))
        }
    }

    @Test func pagingIsStrictlyGreaterAndLimitedPerKind() async throws {
        var settings = APISettings(port: 0)
        settings.journalistDeadDropLimit = 3
        let harness = try APIHarness(settings: settings)
        let keys = harness.keys
        try await harness.withSeededRouter { client in
            for index in 0..<5 {
                let drop = try keys.deadDrop(.journalist, count: 1, offset: .seconds(index))
                #expect(try await client.send(.post, "/v1/journalist/dead-drops", keys.json(drop.json())).status == .ok)
            }
            func ids(_ query: String) async throws -> [Int32] {
                try await client.send(.get, "/v1/journalist/dead-drops?\(query)").json(DeadDropListJSON.self).deadDrops
                    .compactMap(\.id)
            }
            let all = try await ids("ids_greater_than=0")
            #expect(all.count == 3)
            #expect(all == all.sorted())
            let rest = try await ids("ids_greater_than=\(all[2])")
            #expect(rest.count == 2)
            #expect(rest.allSatisfy { $0 > all[2] })
            #expect(try await ids("ids_greater_than=0&limit=1") == [all[0]])
            #expect(try await ids("ids_greater_than=0&limit=100").count == 3)
            let summary = try await client.send(.get, "/v1/journalist/dead-drops/recent-summary").json(
                [DeadDropSummaryJSON].self)
            #expect(summary.map(\.id) == (all + rest).reversed())
        }
    }

    @Test func idsGreaterThanIsRequired() async throws {
        try await APIHarness().withRouter { client in
            for query in ["", "?ids_greater_than=", "?ids_greater_than=abc", "?ids_greater_than=99999999999"] {
                let response = try await client.send(.get, "/v1/user/dead-drops\(query)")
                #expect(response.status == .badRequest)
                #expect(
                    response.error == "Failed to deserialize query string: ids_greater_than must be a 32-bit integer")
            }
            try await client.send(.get, "/v1/user/dead-drops?ids_greater_than=0&limit=-1", expecting: .badRequest)
        }
    }

    @Test func deadDropsSignedByUnknownKeysAre401() async throws {
        try await APIHarness.withSeededRouter { _, keys, client in
            let impostor = try SigningKeyPair<Role.CoverNodeIdentity>.generate()
            let forged = try DeadDrop.sign(
                kind: .user, messages: [SecureRandom.bytes(DeadDropKind.user.messageLength)], createdAt: keys.now,
                epoch: nil,
                with: impostor)
            try await client.send(
                .post, "/v1/user/dead-drops", keys.json(forged.json()), expecting: .unauthorized,
                error: "dead drop signature verification failed")
            // A valid dead drop posted to the other list fails the shape or signature check.
            let user = try keys.deadDrop(.user, count: 1)
            try await client.send(.post, "/v1/journalist/dead-drops", keys.json(user.json()), expecting: .badRequest)
        }
    }

    @Test func malformedDeadDropsAre400Or413() async throws {
        try await APIHarness.withSeededRouter { _, keys, client in
            let drop = try keys.deadDrop(.user, count: 1)
            var json = drop.json()
            json.data = Base64.encodeUnpadded(Array(drop.data.dropLast()))
            let short = try await client.send(.post, "/v1/user/dead-drops", keys.json(json))
            #expect(short.status == .badRequest)
            #expect(short.error?.hasPrefix("invalid dead drop:") == true)
            json.data = "!!!"
            #expect(try await client.send(.post, "/v1/user/dead-drops", keys.json(json)).status == .badRequest)
            json.data = ""
            let empty = try await client.send(.post, "/v1/user/dead-drops", keys.json(json))
            #expect(empty.error == "invalid dead drop: it holds no messages")
            try await client.send(.post, "/v1/user/dead-drops", ByteBuffer(string: "[]"), expecting: .badRequest)
            let huge = ByteBuffer(repeating: UInt8(ascii: "a"), count: 640 * 1024 + 1)
            try await client.send(
                .post, "/v1/user/dead-drops", huge, expecting: .contentTooLarge,
                error: "request body is larger than 655360 bytes")
        }
    }

    @Test func listsRevalidateWithETags() async throws {
        try await APIHarness.withSeededRouter { _, keys, client in
            let empty = try await client.send(.get, "/v1/user/dead-drops?ids_greater_than=0")
            let tag = try #require(empty.headers[.eTag])
            #expect(
                try await client.send(.get, "/v1/user/dead-drops?ids_greater_than=0", headers: [.ifNoneMatch: tag])
                    .status == .notModified)
            _ = try await client.send(.post, "/v1/user/dead-drops", keys.json(keys.deadDrop(.user, count: 1).json()))
            #expect(
                try await client.send(.get, "/v1/user/dead-drops?ids_greater_than=0", headers: [.ifNoneMatch: tag])
                    .status == .ok)
        }
    }
}
