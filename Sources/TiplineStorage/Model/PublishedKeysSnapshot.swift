/// All published keys together with the epoch counter, read atomically.
///
/// `GET /v1/public-keys` must read `max_epoch` in the same snapshot as the keys: a `maxEpoch` newer
/// than the key list would let a journalist client process a dead drop signed with a key it was not
/// given (`PROTOCOL.md` §4.6).
package struct PublishedKeysSnapshot: Sendable, Hashable {
    /// Every stored key, in insertion order.
    package var keys: [PublishedKey]
    /// The epoch counter at the same instant (0 for a fresh store).
    package var maxEpoch: Int32

    /// Creates a snapshot.
    package init(keys: [PublishedKey], maxEpoch: Int32) {
        self.keys = keys
        self.maxEpoch = maxEpoch
    }
}
