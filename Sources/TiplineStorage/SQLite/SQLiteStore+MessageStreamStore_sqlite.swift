package import Foundation
import GRDB
import TiplineCore

extension SQLiteStore: MessageStreamStore {
    @discardableResult
    package func append(_ stream: MessageStream, _ messages: [Data], receivedAtMicros: Int64) async throws -> Int {
        try InputValidation.streamMessages(messages, stream: stream)
        let unique = InputValidation.uniqued(messages)
        guard !unique.isEmpty else { return 0 }
        let table = stream.tableName
        // Hashed before taking the write lock: the single writer holds it for the inserts only.
        let rows = unique.map { ($0, Data(Hashing.sha256(Array($0)))) }
        // One IMMEDIATE transaction per batch; SQLite serialises writers, so positions are assigned
        // in commit order and a reader can never see a later position before an earlier one.
        return try await self.write("append to \(stream.rawValue) stream") { db in
            let statement = try db.cachedStatement(
                sql: """
                    INSERT INTO \(table) (message, digest, received_at_micros) VALUES (?, ?, ?)
                    ON CONFLICT (digest) DO NOTHING
                    """
            )
            var stored = 0
            for (message, digest) in rows {
                try statement.execute(arguments: [message, digest, receivedAtMicros])
                stored += db.changesCount
            }
            return stored
        }
    }

    package func read(_ stream: MessageStream, after position: Int64, limit: Int) async throws -> [StreamMessage] {
        let table = stream.tableName
        let limit = IntegerConversion.limit(limit)
        return try await self.read("read \(stream.rawValue) stream") { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT position, message, received_at_micros FROM \(table)
                    WHERE position > ? ORDER BY position LIMIT ?
                    """,
                arguments: [position, limit]
            ).map { row in
                StreamMessage(
                    position: try row.decode(atIndex: 0), message: try row.decode(atIndex: 1),
                    receivedAtMicros: try row.decode(atIndex: 2))
            }
        }
    }

    @discardableResult
    package func prune(_ stream: MessageStream, before position: Int64) async throws -> Int {
        try await prune(stream, where: "position < ?", position)
    }

    @discardableResult
    package func prune(_ stream: MessageStream, receivedBeforeMicros: Int64) async throws -> Int {
        try await prune(stream, where: "received_at_micros < ?", receivedBeforeMicros)
    }

    @discardableResult
    package func prune(
        _ stream: MessageStream, receivedBeforeMicros: Int64, before position: Int64
    ) async throws -> Int {
        try await prune(stream, where: "received_at_micros < ? AND position < ?", receivedBeforeMicros, position)
    }

    /// Deletes the rows matching `condition` (one `?` per value of `bounds`) oldest first, `batchSize` per
    /// transaction.
    func prune(
        _ stream: MessageStream, where condition: String, _ bounds: Int64..., batchSize: Int = PruneBatches.size
    ) async throws -> Int {
        let table = stream.tableName
        return try await PruneBatches.run(limit: batchSize) { limit in
            try await self.write("prune \(stream.rawValue) stream") { db in
                try db.execute(
                    sql: """
                        DELETE FROM \(table) WHERE position IN
                            (SELECT position FROM \(table) WHERE \(condition) ORDER BY position LIMIT ?)
                        """,
                    arguments: StatementArguments(bounds + [Int64(limit)]))
                return db.changesCount
            }
        }
    }

    package func checkpoint(consumer: String) async throws -> Int64 {
        try InputValidation.consumer(consumer)
        return try await self.read("read checkpoint") { db in
            try Int64.fetchOne(
                db,
                sql: "SELECT position FROM stream_checkpoints WHERE consumer = ?",
                arguments: [consumer]
            ) ?? 0
        }
    }

    package func saveCheckpoint(consumer: String, position: Int64) async throws {
        try InputValidation.consumer(consumer)
        try InputValidation.checkpointPosition(position)
        try await self.write("save checkpoint") { db in
            try db.execute(
                sql: """
                    INSERT INTO stream_checkpoints (consumer, position) VALUES (?, ?)
                    ON CONFLICT (consumer) DO UPDATE SET position = excluded.position
                    """,
                arguments: [consumer, position]
            )
        }
    }
}
