/// The outcome of ``DeadDropStore/append(_:data:createdAtMicros:signature:epoch:)``.
public struct DeadDropAppendResult: Sendable, Hashable {
    /// The id of the stored dead drop: the new one, or the existing byte-identical one.
    public var id: Int32
    /// `true` if this call stored the dead drop, `false` if identical data was already stored.
    public var inserted: Bool

    /// Creates a result.
    public init(id: Int32, inserted: Bool) {
        self.id = id
        self.inserted = inserted
    }
}
