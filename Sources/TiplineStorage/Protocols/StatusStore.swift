/// System status events (`GET`/`POST /v1/status`).
package protocol StatusStore: Sendable {
    /// Records a status event.
    func recordStatus(_ event: StoredStatusEvent) async throws

    /// The event with the newest timestamp (the last recorded on a tie), or `nil` if none.
    func latestStatus() async throws -> StoredStatusEvent?
}
