package import Foundation
import Logging
import NIOCore
import PostgresNIO

// Ordering: why a reader that reads `position > checkpoint` never skips a row and never sees one twice.
//
// The problem: positions come from an identity sequence when a row is inserted, but become visible
// when its transaction commits. With several API processes appending, transaction A can draw
// position 5, transaction B draw 6 and commit first; a reader then sees 6, saves checkpoint 6, and
// never reads 5 when A commits. Filtering on `xmin < pg_snapshot_xmin(pg_current_snapshot())` does
// not fix this while rows are ordered by position: xids are assigned at the first write, not when
// the position is drawn, so xid order and position order can disagree and the same skip happens.
// The deterministic test `naiveIdentityPositionsSkipLateCommits` shows the hazard.
//
// The fix: every INSERT into a stream table runs a BEFORE ... FOR EACH STATEMENT trigger that takes
// a per-stream, transaction-level advisory lock (`tipline_serialize_appends`, migration v1). The
// lock is taken before the first row, hence before the first position is drawn, and is released
// only after the transaction has committed and become visible (PostgreSQL makes a commit visible
// in the proc array before it releases locks). So for one stream the "draw positions .. commit"
// intervals of different transactions never overlap, and positions are committed in increasing
// order. If a reader's snapshot contains position p, then every transaction that drew a position
// < p finished before p's transaction took the lock: it is committed (visible to that snapshot)
// or rolled back (a permanent gap). Nothing below p can appear later, so `position > checkpoint`
// misses nothing; positions are unique, so nothing is returned twice. Being in the trigger, the
// rule holds for every writer, not just this code.
//
// Cost: appends to one stream are serialised up to their commit (one WAL flush each). With batched
// inserts (`INSERT ... SELECT unnest($1::bytea[])`, up to `batchSize` rows per statement) the lock
// is held for a few milliseconds per batch, which keeps the append rate far above one row per
// flush; the two streams do not block each other.
extension PostgresStore: MessageStreamStore {
    /// Rows per `INSERT ... SELECT unnest(...)` statement.
    static let batchSize = 1000

    @discardableResult
    package func append(_ stream: MessageStream, _ messages: [Data], receivedAtMicros: Int64) async throws -> Int {
        try await self.append(stream, messages, receivedAtMicros: receivedAtMicros, beforeCommit: { _ in })
    }

    /// `append` with a hook that runs inside the transaction after the inserts (tests use it to
    /// delay commits on purpose).
    func append(
        _ stream: MessageStream,
        _ messages: [Data],
        receivedAtMicros: Int64,
        beforeCommit: @escaping @Sendable (PostgresConnection) async throws -> Void
    ) async throws -> Int {
        try InputValidation.streamMessages(messages, stream: stream)
        let unique = InputValidation.uniqued(messages)
        guard !unique.isEmpty else { return 0 }
        let table = stream.tableName
        return try await self.transaction("append to \(stream.rawValue) stream") { connection in
            var stored = 0
            var start = 0
            while start < unique.count {
                let end = min(start + Self.batchSize, unique.count)
                let buffers = unique[start..<end].map { ByteBuffer(bytes: $0) }
                // WITH ORDINALITY + ORDER BY: positions follow the order of `messages`.
                // ON CONFLICT DO NOTHING on the unique sha256(message) index: replays are dropped.
                let rows = try await connection.query(
                    """
                    WITH inserted AS (
                        INSERT INTO \(unescaped: table) (message, received_at_micros)
                        SELECT batch.message, \(receivedAtMicros)
                        FROM unnest(\(buffers)::bytea[]) WITH ORDINALITY AS batch(message, ordinal)
                        ORDER BY batch.ordinal
                        ON CONFLICT DO NOTHING
                        RETURNING 1
                    ) SELECT count(*) FROM inserted
                    """,
                    logger: self.logger
                ).collect()
                stored += Int(try rows.first?.decode(Int64.self) ?? 0)
                start = end
            }
            try await beforeCommit(connection)
            return stored
        }
    }

    package func read(_ stream: MessageStream, after position: Int64, limit: Int) async throws -> [StreamMessage] {
        let table = stream.tableName
        let limit = IntegerConversion.limit(limit)
        return try await self.run("read \(stream.rawValue) stream") {
            try await self.rows(
                """
                SELECT position, message, received_at_micros FROM \(unescaped: table)
                WHERE position > \(position) ORDER BY position LIMIT \(limit)
                """
            ).map { row in
                let (position, message, received) = try row.decode((Int64, ByteBuffer, Int64).self)
                return StreamMessage(
                    position: position, message: Data(message.readableBytesView), receivedAtMicros: received)
            }
        }
    }

    @discardableResult
    package func prune(_ stream: MessageStream, before position: Int64) async throws -> Int {
        try await prune(stream, positionBelow: position, receivedBelow: .max)
    }

    @discardableResult
    package func prune(_ stream: MessageStream, receivedBeforeMicros: Int64) async throws -> Int {
        try await prune(stream, positionBelow: .max, receivedBelow: receivedBeforeMicros)
    }

    @discardableResult
    package func prune(
        _ stream: MessageStream, receivedBeforeMicros: Int64, before position: Int64
    ) async throws -> Int {
        try await prune(stream, positionBelow: position, receivedBelow: receivedBeforeMicros)
    }

    /// Deletes the rows below both bounds oldest first, `batchSize` per statement (each its own transaction).
    func prune(
        _ stream: MessageStream, positionBelow position: Int64, receivedBelow received: Int64,
        batchSize: Int = PruneBatches.size
    ) async throws -> Int {
        let table = stream.tableName
        return try await PruneBatches.run(limit: batchSize) { limit in
            try await self.run("prune \(stream.rawValue) stream") {
                try await self.rows(
                    """
                    WITH doomed AS (
                        DELETE FROM \(unescaped: table) WHERE position IN (
                            SELECT position FROM \(unescaped: table)
                            WHERE position < \(position) AND received_at_micros < \(received)
                            ORDER BY position LIMIT \(limit))
                        RETURNING 1)
                    SELECT count(*) FROM doomed
                    """
                ).first?.decode(Int.self) ?? 0
            }
        }
    }

    package func checkpoint(consumer: String) async throws -> Int64 {
        try InputValidation.consumer(consumer)
        return try await self.run("read checkpoint") {
            try await self.rows("SELECT position FROM stream_checkpoints WHERE consumer = \(consumer)")
                .first?.decode(Int64.self) ?? 0
        }
    }

    package func saveCheckpoint(consumer: String, position: Int64) async throws {
        try InputValidation.consumer(consumer)
        try InputValidation.checkpointPosition(position)
        try await self.run("save checkpoint") {
            _ = try await self.rows(
                """
                INSERT INTO stream_checkpoints (consumer, position) VALUES (\(consumer), \(position))
                ON CONFLICT (consumer) DO UPDATE SET position = excluded.position
                """
            )
        }
    }

    /// Runs a data-modifying statement ending in `RETURNING 1` and counts its rows.
    func count(_ statement: PostgresQuery) async throws -> Int {
        try await self.rows(statement).count
    }
}
