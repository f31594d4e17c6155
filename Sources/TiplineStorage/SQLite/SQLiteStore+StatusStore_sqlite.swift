import GRDB

extension SQLiteStore: StatusStore {
    package func recordStatus(_ event: StoredStatusEvent) async throws {
        try InputValidation.identifier(event.status, field: "status")
        try await self.write("record system status") { db in
            try db.execute(
                sql: "INSERT INTO system_status_events (status, description, timestamp_micros) VALUES (?, ?, ?)",
                arguments: [event.status, event.description, event.timestampMicros]
            )
        }
    }

    package func latestStatus() async throws -> StoredStatusEvent? {
        try await self.read("read latest system status") { db in
            try Row.fetchOne(
                db,
                sql: """
                    SELECT status, description, timestamp_micros FROM system_status_events
                    ORDER BY timestamp_micros DESC, id DESC LIMIT 1
                    """
            ).map { row in
                StoredStatusEvent(
                    status: try row.decode(atIndex: 0),
                    description: try row.decode(atIndex: 1),
                    timestampMicros: try row.decode(atIndex: 2)
                )
            }
        }
    }
}
