package import Foundation
import NIOCore
import PostgresNIO

extension PostgresStore {
    package func forgetUse(signature: Data) async throws {
        try InputValidation.signature(signature)
        let buffer = ByteBuffer(bytes: signature)
        _ = try await self.run("forget form signature") {
            try await self.count("DELETE FROM used_form_signatures WHERE signature = \(buffer) RETURNING 1")
        }
    }
}
