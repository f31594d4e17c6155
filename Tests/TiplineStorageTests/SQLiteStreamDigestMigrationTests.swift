import Foundation
import GRDB
import Testing

@testable import TiplineStorage

/// The v2 migration rebuilds both streams around a SHA-256 digest: rows, positions and the
/// never-reuse-a-position guarantee must all survive it.
@Suite("SQLite stream digest migration")
struct SQLiteStreamDigestMigrationTests {
    @Test(arguments: MessageStream.allCases)
    func keepsRowsPositionsAndDedupAcrossTheMigration(stream: MessageStream) async throws {
        try await SQLiteTestDatabase.withDirectory { directory in
            let path = directory.appendingPathComponent("tipline.sqlite").path
            let messages = Fixtures.messages(stream, count: 5)
            let table = stream.tableName
            let v1 = try #require(SQLiteMigrations.all.first?.name)
            let pool = try DatabasePool(path: path)
            try SQLiteMigrations.migrator.migrate(pool, upTo: v1)
            try await pool.write { db in
                for message in messages {
                    try db.execute(
                        sql: "INSERT INTO \(table) (message, received_at_micros) VALUES (?, 1)", arguments: [message])
                }
                // Prune the two newest rows: their positions (4, 5) must never be handed out again.
                try db.execute(sql: "DELETE FROM \(table) WHERE position > 3")
            }
            try pool.close()

            let store = try SQLiteStore(path: path)
            defer { try? store.close() }
            let kept = try await store.read(stream, after: 0, limit: 10)
            #expect(kept.map(\.position) == [1, 2, 3])
            #expect(kept.map(\.message) == Array(messages.prefix(3)))
            // A replay of a migrated row is still recognised; a new message continues after the old high-water mark.
            #expect(try await store.append(stream, [messages[0]], receivedAtMicros: 2) == 0)
            let fresh = Fixtures.message(stream)
            #expect(try await store.append(stream, [fresh, messages[1]], receivedAtMicros: 2) == 1)
            let appended = try await store.read(stream, after: 3, limit: 10).map(\.position)
            // Gaps are allowed (a dropped replay may use up a position); reuse of 4 or 5 is not.
            #expect(appended.count == 1)
            #expect(appended.allSatisfy { $0 > 5 })
        }
    }
}
