/// One entry of `GET /v1/{user|journalist}/dead-drops/recent-summary`.
public struct DeadDropSummary: Sendable, Hashable {
    /// The dead drop's id.
    public var id: Int32
    /// The CoverNode's signing time, in microseconds since the Unix epoch.
    public var createdAtMicros: Int64

    /// Creates a summary entry.
    public init(id: Int32, createdAtMicros: Int64) {
        self.id = id
        self.createdAtMicros = createdAtMicros
    }
}
