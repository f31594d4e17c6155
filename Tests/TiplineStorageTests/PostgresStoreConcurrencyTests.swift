import Foundation
import Logging
import PostgresNIO
import Testing
import TiplineCore

@testable import TiplineStorage

/// Several API processes on one PostgreSQL: out-of-order commits, concurrent epochs, races.
@Suite(
    "PostgresStore concurrency",
    .enabled(if: PostgresTestEnvironment.enabled, PostgresTestEnvironment.disabledReason)
)
struct PostgresStoreConcurrencyTests {
    let logger = PostgresTestEnvironment.logger

    /// The property the stream design must guarantee, under deliberately delayed commits:
    /// 4 writers on two clients, each commit delayed by a random 0–40 ms `pg_sleep` *inside* its
    /// transaction after the insert, one reader polling with a saved checkpoint.
    @Test func delayedOutOfOrderCommitsAreReadExactlyOnce() async throws {
        try await PostgresTestDatabase.withStore { first, settings in
            try await PostgresTestDatabase.withSecondStore(settings) { second in
                try await TiplineStoreCompatTest(store: first).concurrentAppendsAreReadExactlyOnce(
                    writers: 4,
                    batchesPerWriter: 12
                ) { writer, batch in
                    let store = writer.isMultiple(of: 2) ? first : second
                    let delay = Double.random(in: 0...0.04)
                    _ = try await store.append(.userToCoverNode, batch, receivedAtMicros: 1) { connection in
                        try await connection.query("SELECT pg_sleep(\(delay))", logger: PostgresTestEnvironment.logger)
                    }
                }
            }
        }
    }

    /// Deterministic version: while transaction A (positions drawn, not committed) is held open,
    /// a later append B waits for it, and the reader sees neither. After A commits, A's rows come
    /// first. Without the lock, B would commit a larger position first and A would be skipped.
    @Test func aLaterAppendWaitsForAnEarlierUncommittedOne() async throws {
        try await PostgresTestDatabase.withStore { store, settings in
            try await PostgresTestDatabase.withSecondStore(settings) { other in
                let inserted = AsyncGate()
                let release = AsyncGate()
                let batchA = Fixtures.messages(.userToCoverNode, count: 3)
                let batchB = Fixtures.messages(.userToCoverNode, count: 2)

                let appendA = Task {
                    try await store.append(.userToCoverNode, batchA, receivedAtMicros: 1) { _ in
                        await inserted.open()
                        await release.wait()
                    }
                }
                await inserted.wait()
                let appendB = Task { try await other.append(.userToCoverNode, batchB, receivedAtMicros: 2) }
                try await waitForBlockedAdvisoryLock(store)

                #expect(try await store.read(.userToCoverNode, after: 0, limit: 10).isEmpty)
                await release.open()
                #expect(try await appendA.value == 3)
                #expect(try await appendB.value == 2)
                let all = try await store.read(.userToCoverNode, after: 0, limit: 10)
                #expect(all.map(\.message) == batchA + batchB)
            }
        }
    }

    /// Why the lock exists: with a plain identity column and no serialisation, a reader that
    /// checkpoints the largest position it saw misses a row that commits late with a smaller one.
    @Test func naiveIdentityPositionsSkipLateCommits() async throws {
        try await PostgresTestDatabase.withStore { store, _ in
            let client = store.client
            try await client.query(
                "CREATE TABLE naive (position BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, tag TEXT)",
                logger: logger
            )
            let inserted = AsyncGate()
            let release = AsyncGate()
            let slow = Task {
                try await client.withTransaction(logger: PostgresTestEnvironment.logger) { connection in
                    try await connection.query(
                        "INSERT INTO naive (tag) VALUES ('slow')",
                        logger: PostgresTestEnvironment.logger
                    )
                    await inserted.open()
                    await release.wait()
                }
            }
            await inserted.wait()
            try await client.query("INSERT INTO naive (tag) VALUES ('fast')", logger: logger)

            let firstRead = try await naiveRead(client, after: 0)
            #expect(firstRead.map(\.1) == ["fast"])
            let checkpoint = firstRead.last?.0 ?? 0
            await release.open()
            try await slow.value
            #expect(try await naiveRead(client, after: checkpoint).isEmpty, "the late 'slow' row is skipped")
            #expect(try await naiveRead(client, after: 0).map(\.1) == ["slow", "fast"])
        }
    }

    @Test func concurrentKeyInsertsGetDistinctIncreasingEpochs() async throws {
        try await PostgresTestDatabase.withStore { first, settings in
            try await PostgresTestDatabase.withSecondStore(settings) { second in
                let keys = (0..<40).map { index in
                    Fixtures.key(
                        index.isMultiple(of: 3) ? .coverNodeMessaging : .journalistMessaging,
                        owner: "owner_\(index % 4)")
                }
                let epochs = try await withThrowingTaskGroup(of: Int32?.self) { group in
                    for (index, key) in keys.enumerated() {
                        let store = index.isMultiple(of: 2) ? first : second
                        group.addTask { try await store.insert(key) }
                    }
                    var epochs: [Int32?] = []
                    for try await epoch in group { epochs.append(epoch) }
                    return epochs
                }
                let assigned = epochs.compactMap { $0 }
                #expect(assigned.count == 40)
                #expect(Set(assigned) == Set(1...40))
                #expect(try await first.maxEpoch() == 40)
                // Epoch order is commit (= insertion) order.
                let stored = try await first.allKeys().compactMap(\.epoch)
                #expect(stored == Array(1...40))

                // The same key inserted concurrently many times: one epoch, one row.
                let key = Fixtures.key(.journalistIdentity, owner: "static_test_journalist")
                let again = try await withThrowingTaskGroup(of: Int32?.self) { group in
                    for index in 0..<10 {
                        let store = index.isMultiple(of: 2) ? first : second
                        group.addTask { try await store.insert(key) }
                    }
                    var epochs: Set<Int32?> = []
                    for try await epoch in group { epochs.insert(epoch) }
                    return epochs
                }
                #expect(again == [41])
                #expect(try await first.maxEpoch() == 41)
                #expect(try await first.allKeys().count == 41)
            }
        }
    }

    @Test func concurrentIdenticalDeadDropsStoreOneRow() async throws {
        try await PostgresTestDatabase.withStore { first, settings in
            try await PostgresTestDatabase.withSecondStore(settings) { second in
                let data = Fixtures.bytes(633 * 5)
                let results = try await withThrowingTaskGroup(of: DeadDropAppendResult.self) { group in
                    for index in 0..<10 {
                        let store = index.isMultiple(of: 2) ? first : second
                        group.addTask {
                            try await store.append(
                                .journalist, data: data, createdAtMicros: 1, signature: Fixtures.signature(), epoch: 3
                            )
                        }
                    }
                    var results: [DeadDropAppendResult] = []
                    for try await result in group { results.append(result) }
                    return results
                }
                #expect(results.filter(\.inserted).count == 1)
                #expect(Set(results.map(\.id)).count == 1)
                #expect(try await first.list(.journalist, idsGreaterThan: 0, limit: 10).count == 1)
            }
        }
    }

    @Test func concurrentReplaysOfOneFormAreAcceptedOnce() async throws {
        try await PostgresTestDatabase.withStore { first, settings in
            try await PostgresTestDatabase.withSecondStore(settings) { second in
                let signature = Fixtures.signature()
                let accepted = try await withThrowingTaskGroup(of: Bool.self) { group in
                    for index in 0..<10 {
                        let store = index.isMultiple(of: 2) ? first : second
                        group.addTask { try await store.recordFirstUse(signature: signature, expiresAtMicros: 1) }
                    }
                    var accepted = 0
                    for try await first in group where first { accepted += 1 }
                    return accepted
                }
                #expect(accepted == 1)
            }
        }
    }

    @Test func processesMigratingTogetherApplyEachMigrationOnce() async throws {
        try await PostgresTestDatabase.withDatabase { settings in
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<3 {
                    group.addTask {
                        try await PostgresTestDatabase.withClient(settings) { client in
                            try await PostgresStore(client: client, logger: PostgresTestEnvironment.logger).migrate()
                        }
                    }
                }
                try await group.waitForAll()
            }
            try await PostgresTestDatabase.withClient(settings) { client in
                let store = PostgresStore(client: client, logger: PostgresTestEnvironment.logger)
                try await store.migrate()
                let rows = try await client.query("SELECT name FROM schema_migrations ORDER BY name", logger: logger)
                var names: [String] = []
                for try await name in rows.decode(String.self) { names.append(name) }
                #expect(names == PostgresMigrations.all.map(\.name).sorted())
                #expect(try await store.maxEpoch() == 0)
            }
        }
    }

    // MARK: Helpers

    /// Waits until some session is blocked on one of our advisory locks.
    private func waitForBlockedAdvisoryLock(_ store: PostgresStore) async throws {
        for _ in 0..<500 {
            let rows = try await store.client.query(
                """
                SELECT count(*) FROM pg_locks
                WHERE locktype = 'advisory' AND NOT granted AND classid = \(PostgresLocks.namespace)::oid
                """,
                logger: logger
            )
            for try await waiting in rows.decode(Int64.self) where waiting > 0 { return }
            try await Task.sleep(for: .milliseconds(10))
        }
        Issue.record("the second append never waited for the advisory lock")
    }

    private func naiveRead(_ client: PostgresClient, after: Int64) async throws -> [(Int64, String)] {
        let rows = try await client.query(
            "SELECT position, tag FROM naive WHERE position > \(after) ORDER BY position",
            logger: logger
        )
        var result: [(Int64, String)] = []
        for try await row in rows.decode((Int64, String).self) { result.append(row) }
        return result
    }
}
