/// A system status event posted by the admin key (`POST /v1/status`).
package struct StoredStatusEvent: Sendable, Hashable {
    /// `AVAILABLE`, `UNAVAILABLE`, `DEGRADED_PERFORMANCE`, `SCHEDULED_MAINTENANCE` or `NO_INFORMATION`.
    package var status: String
    /// Free text shown to readers.
    package var description: String
    /// When the event happened, in microseconds since the Unix epoch.
    package var timestampMicros: Int64

    /// Creates an event.
    package init(status: String, description: String, timestampMicros: Int64) {
        self.status = status
        self.description = description
        self.timestampMicros = timestampMicros
    }
}
