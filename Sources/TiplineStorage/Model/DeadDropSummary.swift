/// One entry of `GET /v1/{user|journalist}/dead-drops/recent-summary`.
package struct DeadDropSummary: Sendable, Hashable {
    /// The dead drop's id.
    package var id: Int32
    /// The CoverNode's signing time, in microseconds since the Unix epoch.
    package var createdAtMicros: Int64

    /// Creates a summary entry.
    package init(id: Int32, createdAtMicros: Int64) {
        self.id = id
        self.createdAtMicros = createdAtMicros
    }
}
