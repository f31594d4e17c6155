import Foundation
import NIOCore
import PostgresNIO

extension PostgresStore: IdentityRotationQueueStore {
    package func enqueueIdentityRotation(_ entry: QueuedIdentityRotation) async throws {
        try InputValidation.identityRotation(entry)
        let form = ByteBuffer(bytes: entry.form)
        try await self.run("queue identity rotation") {
            _ = try await self.rows(
                """
                INSERT INTO identity_rotation_queue (journalist_id, new_key_hex, form, expires_at_micros)
                VALUES (\(entry.journalistId), \(entry.newKeyHex), \(form), \(entry.expiresAtMicros))
                ON CONFLICT (journalist_id) DO UPDATE SET
                    new_key_hex = excluded.new_key_hex, form = excluded.form,
                    expires_at_micros = excluded.expires_at_micros
                """
            )
        }
    }

    package func queuedIdentityRotations(nowMicros: Int64) async throws -> [QueuedIdentityRotation] {
        try await self.run("list queued identity rotations") {
            try await self.rows(
                """
                SELECT journalist_id, new_key_hex, form, expires_at_micros FROM identity_rotation_queue
                WHERE expires_at_micros >= \(nowMicros) ORDER BY journalist_id
                """
            ).map { row in
                let (journalistId, newKeyHex, form, expiresAtMicros) =
                    try row.decode((String, String, ByteBuffer, Int64).self)
                return QueuedIdentityRotation(
                    journalistId: journalistId, newKeyHex: newKeyHex, form: Data(form.readableBytesView),
                    expiresAtMicros: expiresAtMicros)
            }
        }
    }

    @discardableResult
    package func dequeueIdentityRotation(journalistId: String, newKeyHex: String) async throws -> Bool {
        try await self.run("dequeue identity rotation") {
            try await self.count(
                """
                DELETE FROM identity_rotation_queue
                WHERE journalist_id = \(journalistId) AND new_key_hex = \(newKeyHex) RETURNING 1
                """
            ) == 1
        }
    }

    @discardableResult
    package func pruneExpiredIdentityRotations(nowMicros: Int64) async throws -> Int {
        try await self.run("prune identity rotations") {
            try await self.count(
                "DELETE FROM identity_rotation_queue WHERE expires_at_micros < \(nowMicros) RETURNING 1")
        }
    }
}
