package import Foundation
import GRDB
package import TiplineCore

extension SQLiteStore: DeadDropStore {
    package func append(
        _ kind: DeadDropKind,
        data: Data,
        createdAtMicros: Int64,
        signature: Data,
        epoch: Int32?
    ) async throws -> DeadDropAppendResult {
        try InputValidation.deadDrop(data: data, signature: signature)
        let table = kind.tableName
        return try await self.write("append \(kind.rawValue) dead drop") { db in
            // The UNIQUE index on `data` turns a byte-identical re-POST into a lookup, not an error.
            try db.execute(
                sql: """
                    INSERT INTO \(table) (data, created_at_micros, signature, epoch) VALUES (?, ?, ?, ?)
                    ON CONFLICT (data) DO NOTHING
                    """,
                arguments: [data, createdAtMicros, signature, epoch]
            )
            if db.changesCount == 1 {
                // Throwing here rolls the insert back: ids must stay within Int32.
                let id = try IntegerConversion.int32(db.lastInsertedRowID, "the dead-drop id")
                return DeadDropAppendResult(id: id, inserted: true)
            }
            guard
                let existing = try Int64.fetchOne(db, sql: "SELECT id FROM \(table) WHERE data = ?", arguments: [data])
            else {
                throw StorageError(.database, "a conflicting dead drop was not found")
            }
            return DeadDropAppendResult(id: try IntegerConversion.int32(existing, "the dead-drop id"), inserted: false)
        }
    }

    package func find(_ kind: DeadDropKind, data: Data) async throws -> StoredDeadDrop? {
        let table = kind.tableName
        return try await self.read("find \(kind.rawValue) dead drop") { db in
            try Row.fetchOne(
                db, sql: "SELECT id, data, created_at_micros, signature, epoch FROM \(table) WHERE data = ?",
                arguments: [data]
            ).map(Self.decodeDeadDrop)
        }
    }

    package func list(_ kind: DeadDropKind, idsGreaterThan: Int32, limit: Int) async throws -> [StoredDeadDrop] {
        let table = kind.tableName
        let limit = IntegerConversion.limit(limit)
        return try await self.read("list \(kind.rawValue) dead drops") { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT id, data, created_at_micros, signature, epoch FROM \(table)
                    WHERE id > ? ORDER BY id LIMIT ?
                    """,
                arguments: [idsGreaterThan, limit]
            ).map(Self.decodeDeadDrop)
        }
    }

    /// A row of `id, data, created_at_micros, signature, epoch`.
    private static func decodeDeadDrop(_ row: Row) throws -> StoredDeadDrop {
        StoredDeadDrop(
            id: try row.decode(atIndex: 0),
            data: try row.decode(atIndex: 1),
            createdAtMicros: try row.decode(atIndex: 2),
            signature: try row.decode(atIndex: 3),
            epoch: try row.decode(atIndex: 4)
        )
    }

    package func recentSummary(_ kind: DeadDropKind, count: Int) async throws -> [DeadDropSummary] {
        let table = kind.tableName
        let limit = IntegerConversion.limit(count)
        return try await self.read("summarise \(kind.rawValue) dead drops") { db in
            try Row.fetchAll(
                db,
                sql: "SELECT id, created_at_micros FROM \(table) ORDER BY id DESC LIMIT ?",
                arguments: [limit]
            ).map { row in
                DeadDropSummary(id: try row.decode(atIndex: 0), createdAtMicros: try row.decode(atIndex: 1))
            }
        }
    }

    @discardableResult
    package func prune(_ kind: DeadDropKind, createdBeforeMicros: Int64) async throws -> Int {
        let table = kind.tableName
        return try await self.write("prune \(kind.rawValue) dead drops") { db in
            try db.execute(sql: "DELETE FROM \(table) WHERE created_at_micros < ?", arguments: [createdBeforeMicros])
            return db.changesCount
        }
    }
}
