package import Foundation
import GRDB

extension SQLiteStore: FormReplayStore {
    package func recordFirstUse(signature: Data, expiresAtMicros: Int64) async throws -> Bool {
        try InputValidation.signature(signature)
        return try await self.write("record form signature") { db in
            try db.execute(
                sql: """
                    INSERT INTO used_form_signatures (signature, expires_at_micros) VALUES (?, ?)
                    ON CONFLICT (signature) DO NOTHING
                    """,
                arguments: [signature, expiresAtMicros]
            )
            return db.changesCount == 1
        }
    }

    package func isUsed(signature: Data) async throws -> Bool {
        try InputValidation.signature(signature)
        return try await self.read("look up form signature") { db in
            try Bool.fetchOne(
                db, sql: "SELECT EXISTS (SELECT 1 FROM used_form_signatures WHERE signature = ?)",
                arguments: [signature]) ?? false
        }
    }

    @discardableResult
    package func pruneExpiredSignatures(nowMicros: Int64) async throws -> Int {
        try await self.write("prune form signatures") { db in
            try db.execute(sql: "DELETE FROM used_form_signatures WHERE expires_at_micros < ?", arguments: [nowMicros])
            return db.changesCount
        }
    }
}
