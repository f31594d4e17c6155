/// Pruning deletes in batches of this many rows, each its own short transaction: a day of stream messages at
/// millions of installs is hundreds of millions of rows, and one huge DELETE would hold SQLite's single write lock
/// (stalling the appender) or bloat one PostgreSQL transaction and its WAL burst.
enum PruneBatches {
    /// Rows per batch.
    static let size = 5_000

    /// Runs `deleteBatch(limit)` until it deletes fewer than `limit` rows; returns the total deleted.
    static func run(limit: Int = size, _ deleteBatch: (Int) async throws -> Int) async throws -> Int {
        var total = 0
        while true {
            let deleted = try await deleteBatch(limit)
            total += deleted
            if deleted < limit { return total }
        }
    }
}
