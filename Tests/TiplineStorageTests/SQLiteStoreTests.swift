import Foundation
import GRDB
import Testing
import TiplineCore

@testable import TiplineStorage

/// SQLite-only behaviour: durability settings, reopening, migrations.
@Suite("SQLiteStore")
struct SQLiteStoreTests {
    @Test func usesWALWithFullSynchronousCommits() async throws {
        try await SQLiteTestDatabase.withStore { store in
            let (journalMode, synchronous) = try await store.pool.write { db in
                (
                    try String.fetchOne(db, sql: "PRAGMA journal_mode"),
                    try Int.fetchOne(db, sql: "PRAGMA synchronous")
                )
            }
            #expect(journalMode == "wal")
            #expect(synchronous == 2)  // FULL
        }
    }

    @Test func everythingSurvivesCloseAndReopen() async throws {
        try await SQLiteTestDatabase.withDirectory { directory in
            let path = directory.appendingPathComponent("tipline.sqlite").path
            let key = Fixtures.key(.organization, notValidAfter: "2026-01-01T00:00:00.000000001+00:00")
            let messages = Fixtures.messages(.userToCoverNode, count: 3)
            let deadDrop = Fixtures.bytes(553)
            let signature = Fixtures.signature()

            let first = try SQLiteStore(path: path)
            #expect(try await first.insert(key) == 1)
            #expect(try await first.append(.userToCoverNode, messages, receivedAtMicros: 1) == 3)
            let dropId = try await first.append(
                .user, data: deadDrop, createdAtMicros: 5, signature: signature, epoch: nil
            ).id
            try await first.saveCheckpoint(consumer: "covernode.u2c", position: 2)
            #expect(try await first.recordFirstUse(signature: signature, expiresAtMicros: 10))
            try first.close()

            let reopened = try SQLiteStore(path: path)
            defer { try? reopened.close() }
            #expect(try await reopened.allKeys().map(\.notValidAfter) == [key.notValidAfter])
            #expect(try await reopened.maxEpoch() == 1)
            #expect(try await reopened.checkpoint(consumer: "covernode.u2c") == 2)
            #expect(try await reopened.read(.userToCoverNode, after: 2, limit: 10).map(\.message) == [messages[2]])
            #expect(try await reopened.list(.user, idsGreaterThan: 0, limit: 10).map(\.id) == [dropId])
            // Replay protection and dedup survive the restart too.
            #expect(try await reopened.append(.userToCoverNode, messages, receivedAtMicros: 2) == 0)
            #expect(try await !reopened.recordFirstUse(signature: signature, expiresAtMicros: 10))
            #expect(try await reopened.insert(Fixtures.key(.coverNodeProvisioning)) == 2)
        }
    }

    @Test func migrationsAreAppliedOnce() async throws {
        try await SQLiteTestDatabase.withDirectory { directory in
            let path = directory.appendingPathComponent("tipline.sqlite").path
            try SQLiteStore(path: path).close()
            let store = try SQLiteStore(path: path)
            defer { try? store.close() }
            let applied = try await store.pool.read { db in
                try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations")
            }
            #expect(applied == SQLiteMigrations.all.map(\.name))
        }
    }

    @Test func unopenablePathIsAStorageError() throws {
        let error = #expect(throws: StorageError.self) {
            _ = try SQLiteStore(path: "/nonexistent-directory-\(UUID().uuidString)/tipline.sqlite")
        }
        #expect(error?.code == .database)
    }

    @Test func concurrentAppendsFromTwoConnectionsAreReadExactlyOnce() async throws {
        try await SQLiteTestDatabase.withDirectory { directory in
            let path = directory.appendingPathComponent("tipline.sqlite").path
            // Two pools on one file behave like two processes sharing the database.
            let reader = try SQLiteStore(path: path)
            let other = try SQLiteStore(path: path)
            defer {
                try? reader.close()
                try? other.close()
            }
            try await TiplineStoreCompatTest(store: reader).concurrentAppendsAreReadExactlyOnce(
                writers: 4,
                batchesPerWriter: 15
            ) { writer, batch in
                let store = writer.isMultiple(of: 2) ? reader : other
                try await store.append(.userToCoverNode, batch, receivedAtMicros: 1)
            }
        }
    }
}
