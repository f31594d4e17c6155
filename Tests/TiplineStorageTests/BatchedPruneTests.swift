import Foundation
import Testing

@testable import TiplineStorage

/// Stream pruning in small batches (the production batch is 5,000 rows): every batch deletes the oldest matching
/// rows, the loop stops after a short batch, and nothing newer than the bound is touched.
@Suite("Batched stream pruning")
struct BatchedPruneTests {
    /// Ten messages received at times 1…10.
    static func fill(_ store: any MessageStreamStore) async throws -> [Data] {
        let messages = Fixtures.messages(.userToCoverNode, count: 10)
        for (index, message) in messages.enumerated() {
            try await store.append(.userToCoverNode, [message], receivedAtMicros: Int64(index + 1))
        }
        return messages
    }

    @Test func sqlitePrunesInBatches() async throws {
        try await SQLiteTestDatabase.withStore { store in
            let messages = try await Self.fill(store)
            let deleted = try await store.prune(
                .userToCoverNode, where: "received_at_micros < ?", 8, batchSize: 3)
            #expect(deleted == 7)
            #expect(try await store.read(.userToCoverNode, after: 0, limit: 20).map(\.message) == Array(messages[7...]))
            // An exact multiple of the batch size ends with an empty batch.
            #expect(try await store.prune(.userToCoverNode, where: "position < ?", 11, batchSize: 3) == 3)
            #expect(try await store.read(.userToCoverNode, after: 0, limit: 20).isEmpty)
        }
    }

    @Test(.enabled(if: PostgresTestEnvironment.enabled, PostgresTestEnvironment.disabledReason))
    func postgresPrunesInBatches() async throws {
        try await PostgresTestDatabase.withStore { store, _ in
            let messages = try await Self.fill(store)
            let deleted = try await store.prune(
                .userToCoverNode, positionBelow: .max, receivedBelow: 8, batchSize: 3)
            #expect(deleted == 7)
            #expect(try await store.read(.userToCoverNode, after: 0, limit: 20).map(\.message) == Array(messages[7...]))
            let last = try #require(try await store.read(.userToCoverNode, after: 0, limit: 20).last?.position)
            #expect(
                try await store.prune(.userToCoverNode, positionBelow: last + 1, receivedBelow: .max, batchSize: 3) == 3
            )
            #expect(try await store.read(.userToCoverNode, after: 0, limit: 20).isEmpty)
        }
    }
}
