import GRDB
import TiplineCore

extension SQLiteStore: KeyStore {
    static let keyColumns = """
        role, key_hex, certificate_hex, not_valid_after, not_valid_after_micros, \
        parent_key_hex, owner_id, epoch, added_at_micros
        """

    package func insert(_ key: PublishedKey) async throws -> Int32? {
        try InputValidation.publishedKey(key)
        return try await self.write("insert published key") { db in
            // SQLite has one writer at a time, so the counter bump and the insert cannot interleave
            // with another insert: epochs are strictly increasing in commit order.
            if let existing = try Row.fetchOne(
                db,
                sql: "SELECT epoch FROM published_keys WHERE role = ? AND key_hex = ?",
                arguments: [key.role.rawValue, key.keyHex]
            ) {
                return try existing.decode(Int32?.self, atIndex: 0)
            }
            var epoch: Int32?
            if key.role.isEpoched {
                epoch = try Self.bumpEpoch(db)
            }
            try db.execute(
                sql: "INSERT INTO published_keys (\(Self.keyColumns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                arguments: [
                    key.role.rawValue, key.keyHex, key.certificateHex, key.notValidAfter,
                    key.notValidAfterMicros, key.parentKeyHex, key.ownerId, epoch, key.addedAtMicros,
                ]
            )
            return epoch
        }
    }

    package func allKeys() async throws -> [PublishedKey] {
        try await self.read("list published keys") { db in try Self.fetchKeys(db) }
    }

    package func keysSnapshot() async throws -> PublishedKeysSnapshot {
        // A GRDB read is one transaction on a WAL snapshot: keys and counter are consistent.
        try await self.read("read published keys snapshot") { db in
            PublishedKeysSnapshot(keys: try Self.fetchKeys(db), maxEpoch: try Self.currentEpoch(db))
        }
    }

    package func maxEpoch() async throws -> Int32 {
        try await self.read("read max epoch") { db in try Self.currentEpoch(db) }
    }

    package func keysVersion() async throws -> PublishedKeysVersion {
        try await self.read("read published keys version") { db in
            let count = try Int.fetchOne(db, sql: "SELECT count(*) FROM published_keys") ?? 0
            return PublishedKeysVersion(maxEpoch: try Self.currentEpoch(db), keyCount: count)
        }
    }

    package func latestAddedAt(role: PublishedKeyRole) async throws -> Int64? {
        try await self.read("read latest key time") { db in
            try Int64.fetchOne(
                db,
                sql: "SELECT max(added_at_micros) FROM published_keys WHERE role = ?",
                arguments: [role.rawValue]
            )
        }
    }

    @discardableResult
    package func deleteExpired(nowMicros: Int64) async throws -> Int {
        try await self.write("delete expired keys") { db in
            try db.execute(
                sql: "DELETE FROM published_keys WHERE not_valid_after_micros < ?",
                arguments: [nowMicros]
            )
            let deleted = db.changesCount
            if deleted > 0 {
                _ = try Self.bumpEpoch(db)
            }
            return deleted
        }
    }

    package func epoch(ofKeyHex keyHex: String, role: PublishedKeyRole) async throws -> Int32? {
        try await self.key(ofKeyHex: keyHex, role: role)?.epoch
    }

    package func key(ofKeyHex keyHex: String, role: PublishedKeyRole) async throws -> PublishedKey? {
        try await self.read("look up published key") { db in
            try Row.fetchOne(
                db,
                sql: "SELECT \(Self.keyColumns) FROM published_keys WHERE role = ? AND key_hex = ?",
                arguments: [role.rawValue, keyHex]
            ).map(Self.decodeKey)
        }
    }

    private static func fetchKeys(_ db: Database) throws -> [PublishedKey] {
        try Row.fetchAll(db, sql: "SELECT \(keyColumns) FROM published_keys ORDER BY id").map(decodeKey)
    }

    private static func currentEpoch(_ db: Database) throws -> Int32 {
        guard let value = try Int64.fetchOne(db, sql: "SELECT value FROM epoch_counter WHERE id = 1") else {
            throw StorageError(.corruptData, "the epoch counter row is missing")
        }
        return try IntegerConversion.int32(value, "the epoch counter")
    }

    private static func bumpEpoch(_ db: Database) throws -> Int32 {
        try db.execute(sql: "UPDATE epoch_counter SET value = value + 1 WHERE id = 1")
        return try currentEpoch(db)
    }

    private static func decodeKey(_ row: Row) throws -> PublishedKey {
        let roleName: String = try row.decode(atIndex: 0)
        guard let role = PublishedKeyRole(rawValue: roleName) else {
            throw StorageError(.corruptData, "a stored key has an unknown role")
        }
        return PublishedKey(
            role: role,
            keyHex: try row.decode(atIndex: 1),
            certificateHex: try row.decode(atIndex: 2),
            notValidAfter: try row.decode(atIndex: 3),
            notValidAfterMicros: try row.decode(atIndex: 4),
            parentKeyHex: try row.decode(atIndex: 5),
            ownerId: try row.decode(atIndex: 6),
            epoch: try row.decode(atIndex: 7),
            addedAtMicros: try row.decode(atIndex: 8)
        )
    }
}
