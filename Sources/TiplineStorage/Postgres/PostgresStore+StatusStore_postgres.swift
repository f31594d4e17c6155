import PostgresNIO

extension PostgresStore: StatusStore {
    package func recordStatus(_ event: StoredStatusEvent) async throws {
        try InputValidation.identifier(event.status, field: "status")
        try await self.run("record system status") {
            _ = try await self.rows(
                """
                INSERT INTO system_status_events (status, description, timestamp_micros)
                VALUES (\(event.status), \(event.description), \(event.timestampMicros))
                """
            )
        }
    }

    package func latestStatus() async throws -> StoredStatusEvent? {
        try await self.run("read latest system status") {
            try await self.rows(
                """
                SELECT status, description, timestamp_micros FROM system_status_events
                ORDER BY timestamp_micros DESC, id DESC LIMIT 1
                """
            ).first.map { row in
                let (status, description, timestamp) = try row.decode((String, String, Int64).self)
                return StoredStatusEvent(status: status, description: description, timestampMicros: timestamp)
            }
        }
    }
}
