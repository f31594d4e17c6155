import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing
import TiplineAPI
import TiplineCore
import TiplineStorage
import TiplineTestSupport

/// A write route other than the appender (the CoverNode's dead-drop POST) over a SQLite database on a full tmpfs: a
/// clear 503 with the error JSON, nothing stored, the read routes answer, and the same POST succeeds once space is
/// freed.
@Suite("Dead-drop POST on a full disk", .enabled(if: SmallFileSystem.isAvailable, "needs root to mount a tmpfs"))
struct DeadDropDiskFullTests {
    @Test func aFullDiskIsA503AndTheRepostIsStored() async throws {
        let disk = try SmallFileSystem(bytes: 2 << 20)
        defer { disk.unmount() }
        let harness = try APIHarness()
        let store = try SQLiteStore(path: disk.file("api.sqlite"))
        defer { try? store.close() }
        try await harness.withSeededRouter(store: store) { client in
            let drop = try harness.keys.deadDrop(.user, count: 3)
            try disk.fill()
            try await client.send(
                .post, "/v1/user/dead-drops", harness.keys.json(drop.json()), expecting: .serviceUnavailable,
                error: "Storage is full, try again later")
            let list = try await client.send(.get, "/v1/user/dead-drops?ids_greater_than=0", expecting: .ok)
            #expect(try list.json(DeadDropListJSON.self).deadDrops.isEmpty)

            disk.free()
            try await client.send(.post, "/v1/user/dead-drops", harness.keys.json(drop.json()), expecting: .ok)
            let stored = try await client.send(.get, "/v1/user/dead-drops?ids_greater_than=0", expecting: .ok)
            #expect(try stored.json(DeadDropListJSON.self).deadDrops.map { try $0.deadDrop(kind: .user) } == [drop])
        }
    }
}
