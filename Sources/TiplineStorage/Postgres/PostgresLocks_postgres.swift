import PostgresNIO
import TiplineCore

/// Transaction-level advisory locks used by ``PostgresStore``. Keys are `(namespace, id)` pairs so
/// they cannot collide with other applications sharing the database. The values are baked into the
/// shipped migrations (trigger arguments): never change them.
enum PostgresLocks {
    /// "TPLN" as a big-endian Int32.
    static let namespace: Int32 = 0x5450_4C4E
    static let migrations: Int32 = 1
    static let keys: Int32 = 2

    /// The lock serialising inserts into (and prunes of) one dead-drop table. Also taken by the
    /// `tipline_serialize_appends` trigger; keep these ids in sync with the migration.
    static func deadDrops(_ kind: DeadDropKind) -> Int32 {
        switch kind {
        case .user: 10
        case .journalist: 11
        }
    }

    /// The lock serialising appends to one stream (taken by the trigger on its table).
    static func stream(_ stream: MessageStream) -> Int32 {
        switch stream {
        case .userToCoverNode: 20
        case .journalistToCoverNode: 21
        }
    }

    /// `SELECT pg_advisory_xact_lock(namespace, id)`: held until the transaction ends.
    static func transactionLock(_ id: Int32) -> PostgresQuery {
        "SELECT pg_advisory_xact_lock(\(unescaped: String(namespace)), \(unescaped: String(id)))"
    }
}
