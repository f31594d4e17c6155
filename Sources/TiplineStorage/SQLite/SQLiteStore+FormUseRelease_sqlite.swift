package import Foundation
import GRDB

extension SQLiteStore {
    package func forgetUse(signature: Data) async throws {
        try InputValidation.signature(signature)
        try await self.write("forget form signature") { db in
            try db.execute(sql: "DELETE FROM used_form_signatures WHERE signature = ?", arguments: [signature])
        }
    }
}
