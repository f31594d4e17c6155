/// The outcome of ``DeadDropStore/append(_:data:createdAtMicros:signature:epoch:)``.
package struct DeadDropAppendResult: Sendable, Hashable {
    /// The id of the stored dead drop: the new one, or the existing byte-identical one.
    package var id: Int32
    /// `true` if this call stored the dead drop, `false` if identical data was already stored.
    package var inserted: Bool

    /// Creates a result.
    package init(id: Int32, inserted: Bool) {
        self.id = id
        self.inserted = inserted
    }
}
