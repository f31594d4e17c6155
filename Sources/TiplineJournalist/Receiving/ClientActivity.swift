import TiplineCore

/// What happened recently, kept in memory only (saving the vault for it would only add writes).
actor ClientActivity {
    /// The end of the last sync that completed.
    private(set) var lastSyncAt: Timestamp?

    func recordSync(at instant: Timestamp) { lastSyncAt = instant }
}
