import Foundation
import GRDB

extension SQLiteStore: IdentityRotationQueueStore {
    package func enqueueIdentityRotation(_ entry: QueuedIdentityRotation) async throws {
        try InputValidation.identityRotation(entry)
        try await self.write("queue identity rotation") { db in
            try db.execute(
                sql: """
                    INSERT INTO identity_rotation_queue (journalist_id, new_key_hex, form, expires_at_micros)
                    VALUES (?, ?, ?, ?)
                    ON CONFLICT (journalist_id) DO UPDATE SET
                        new_key_hex = excluded.new_key_hex, form = excluded.form,
                        expires_at_micros = excluded.expires_at_micros
                    """,
                arguments: [entry.journalistId, entry.newKeyHex, entry.form, entry.expiresAtMicros]
            )
        }
    }

    package func queuedIdentityRotations(nowMicros: Int64) async throws -> [QueuedIdentityRotation] {
        try await self.read("list queued identity rotations") { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT journalist_id, new_key_hex, form, expires_at_micros FROM identity_rotation_queue
                    WHERE expires_at_micros >= ? ORDER BY journalist_id
                    """,
                arguments: [nowMicros]
            ).map { row in
                QueuedIdentityRotation(
                    journalistId: try row.decode(atIndex: 0),
                    newKeyHex: try row.decode(atIndex: 1),
                    form: try row.decode(atIndex: 2),
                    expiresAtMicros: try row.decode(atIndex: 3)
                )
            }
        }
    }

    @discardableResult
    package func dequeueIdentityRotation(journalistId: String, newKeyHex: String) async throws -> Bool {
        try await self.write("dequeue identity rotation") { db in
            try db.execute(
                sql: "DELETE FROM identity_rotation_queue WHERE journalist_id = ? AND new_key_hex = ?",
                arguments: [journalistId, newKeyHex]
            )
            return db.changesCount == 1
        }
    }

    @discardableResult
    package func pruneExpiredIdentityRotations(nowMicros: Int64) async throws -> Int {
        try await self.write("prune identity rotations") { db in
            try db.execute(
                sql: "DELETE FROM identity_rotation_queue WHERE expires_at_micros < ?", arguments: [nowMicros])
            return db.changesCount
        }
    }
}
