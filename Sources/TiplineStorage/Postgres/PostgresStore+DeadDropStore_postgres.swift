package import Foundation
import NIOCore
import PostgresNIO
package import TiplineCore

extension PostgresStore: DeadDropStore {
    package func append(
        _ kind: DeadDropKind,
        data: Data,
        createdAtMicros: Int64,
        signature: Data,
        epoch: Int32?
    ) async throws -> DeadDropAppendResult {
        try InputValidation.deadDrop(data: data, signature: signature)
        let table = kind.tableName
        let dataBuffer = ByteBuffer(bytes: data)
        let signatureBuffer = ByteBuffer(bytes: signature)
        return try await self.transaction("append \(kind.rawValue) dead drop") { connection in
            // The table's statement trigger takes the per-kind advisory lock before the id is drawn
            // and holds it to commit: ids commit in order, so a client paging with ids_greater_than
            // never misses a late commit (same argument as the message streams). The lock also
            // makes insert-or-look-up atomic against `prune`, which takes the same lock.
            let inserted = try await connection.query(
                """
                INSERT INTO \(unescaped: table) (data, created_at_micros, signature, epoch)
                VALUES (\(dataBuffer), \(createdAtMicros), \(signatureBuffer), \(epoch))
                ON CONFLICT DO NOTHING RETURNING id
                """,
                logger: self.logger
            ).collect()
            if let row = inserted.first {
                return DeadDropAppendResult(id: try row.decode(Int32.self), inserted: true)
            }
            let existing = try await connection.query(
                "SELECT id FROM \(unescaped: table) WHERE sha256(data) = sha256(\(dataBuffer))",
                logger: self.logger
            ).collect()
            guard let row = existing.first else {
                throw StorageError(.database, "a conflicting dead drop was not found")
            }
            return DeadDropAppendResult(id: try row.decode(Int32.self), inserted: false)
        }
    }

    package func list(_ kind: DeadDropKind, idsGreaterThan: Int32, limit: Int) async throws -> [StoredDeadDrop] {
        let table = kind.tableName
        let limit = IntegerConversion.limit(limit)
        return try await self.run("list \(kind.rawValue) dead drops") {
            try await self.rows(
                """
                SELECT id, data, created_at_micros, signature, epoch FROM \(unescaped: table)
                WHERE id > \(idsGreaterThan) ORDER BY id LIMIT \(limit)
                """
            ).map(Self.decodeDeadDrop)
        }
    }

    package func find(_ kind: DeadDropKind, data: Data) async throws -> StoredDeadDrop? {
        let table = kind.tableName
        let dataBuffer = ByteBuffer(bytes: data)
        return try await self.run("find \(kind.rawValue) dead drop") {
            // The unique index is on sha256(data) (dead drops are too large for a B-tree entry).
            try await self.rows(
                """
                SELECT id, data, created_at_micros, signature, epoch FROM \(unescaped: table)
                WHERE sha256(data) = sha256(\(dataBuffer))
                """
            ).first.map(Self.decodeDeadDrop)
        }
    }

    /// A row of `id, data, created_at_micros, signature, epoch`.
    private static func decodeDeadDrop(_ row: PostgresRow) throws -> StoredDeadDrop {
        let (id, data, createdAt, signature, epoch) =
            try row.decode((Int32, ByteBuffer, Int64, ByteBuffer, Int32?).self)
        return StoredDeadDrop(
            id: id,
            data: Data(data.readableBytesView),
            createdAtMicros: createdAt,
            signature: Data(signature.readableBytesView),
            epoch: epoch
        )
    }

    package func recentSummary(_ kind: DeadDropKind, count: Int) async throws -> [DeadDropSummary] {
        let table = kind.tableName
        let limit = IntegerConversion.limit(count)
        return try await self.run("summarise \(kind.rawValue) dead drops") {
            try await self.rows(
                "SELECT id, created_at_micros FROM \(unescaped: table) ORDER BY id DESC LIMIT \(limit)"
            ).map { row in
                let (id, createdAt) = try row.decode((Int32, Int64).self)
                return DeadDropSummary(id: id, createdAtMicros: createdAt)
            }
        }
    }

    @discardableResult
    package func prune(_ kind: DeadDropKind, createdBeforeMicros: Int64) async throws -> Int {
        let table = kind.tableName
        return try await self.transaction("prune \(kind.rawValue) dead drops") { connection in
            try await connection.query(
                PostgresLocks.transactionLock(PostgresLocks.deadDrops(kind)),
                logger: self.logger
            )
            let rows = try await connection.query(
                """
                WITH deleted AS (
                    DELETE FROM \(unescaped: table) WHERE created_at_micros < \(createdBeforeMicros) RETURNING 1
                ) SELECT count(*) FROM deleted
                """,
                logger: self.logger
            ).collect()
            return Int(try rows.first?.decode(Int64.self) ?? 0)
        }
    }
}
