/// A cheap fingerprint of the published keys: it changes whenever a key is added or removed.
///
/// Every epoch'd insert and every deletion bumps ``maxEpoch``; an insert that takes no epoch (admin and backup
/// keys) adds one to ``keyCount``. So two equal versions mean the same stored keys, and a cache of anything derived
/// from the keys (the API's verified hierarchy) can be keyed by it.
package struct PublishedKeysVersion: Sendable, Hashable {
    /// The epoch counter.
    package var maxEpoch: Int32
    /// How many keys are stored.
    package var keyCount: Int

    /// Creates a version.
    package init(maxEpoch: Int32, keyCount: Int) {
        self.maxEpoch = maxEpoch
        self.keyCount = keyCount
    }
}
