package import Foundation
import NIOCore
import PostgresNIO

extension PostgresStore: FormReplayStore {
    package func recordFirstUse(signature: Data, expiresAtMicros: Int64) async throws -> Bool {
        try InputValidation.signature(signature)
        let buffer = ByteBuffer(bytes: signature)
        return try await self.run("record form signature") {
            // The primary key makes concurrent first uses race-free: exactly one insert wins.
            try await self.count(
                """
                INSERT INTO used_form_signatures (signature, expires_at_micros) VALUES (\(buffer), \(expiresAtMicros))
                ON CONFLICT DO NOTHING RETURNING 1
                """
            ) == 1
        }
    }

    package func isUsed(signature: Data) async throws -> Bool {
        try InputValidation.signature(signature)
        let buffer = ByteBuffer(bytes: signature)
        return try await self.run("look up form signature") {
            try await self.count("SELECT 1 FROM used_form_signatures WHERE signature = \(buffer)") > 0
        }
    }

    @discardableResult
    package func pruneExpiredSignatures(nowMicros: Int64) async throws -> Int {
        try await self.run("prune form signatures") {
            try await self.count("DELETE FROM used_form_signatures WHERE expires_at_micros < \(nowMicros) RETURNING 1")
        }
    }
}
