import Logging
import PostgresNIO
import TiplineCore

extension PostgresStore: KeyStore {
    /// The counter, then the key columns (nullable because of the LEFT JOIN).
    private typealias SnapshotRow = (
        Int32, String?, String?, String?, String?, Int64?, String?, String?, Int32?, Int64?
    )

    static let keyColumns = """
        role, key_hex, certificate_hex, not_valid_after, not_valid_after_micros, \
        parent_key_hex, owner_id, epoch, added_at_micros
        """

    package func insert(_ key: PublishedKey) async throws -> Int32? {
        try InputValidation.publishedKey(key)
        return try await self.transaction("insert published key") { connection in
            // One advisory lock for every key-table change (CoverDrop's epoch trigger does the same):
            // the existence check, the counter bump and the insert happen as one step, so epochs are
            // distinct and strictly increasing in commit order across all API processes.
            try await connection.query(PostgresLocks.transactionLock(PostgresLocks.keys), logger: self.logger)
            let existing = try await connection.query(
                "SELECT epoch FROM published_keys WHERE role = \(key.role.rawValue) AND key_hex = \(key.keyHex)",
                logger: self.logger
            ).collect()
            if let row = existing.first {
                return try row.decode(Int32?.self)
            }
            var epoch: Int32?
            if key.role.isEpoched {
                epoch = try await Self.bumpEpoch(connection, logger: self.logger)
            }
            try await connection.query(
                """
                INSERT INTO published_keys (\(unescaped: Self.keyColumns)) VALUES (
                    \(key.role.rawValue), \(key.keyHex), \(key.certificateHex), \(key.notValidAfter),
                    \(key.notValidAfterMicros), \(key.parentKeyHex), \(key.ownerId), \(epoch), \(key.addedAtMicros)
                )
                """,
                logger: self.logger
            )
            return epoch
        }
    }

    package func allKeys() async throws -> [PublishedKey] {
        try await self.run("list published keys") {
            try await self.rows("SELECT \(unescaped: Self.keyColumns) FROM published_keys ORDER BY id")
                .map(Self.decodeKey)
        }
    }

    package func keysSnapshot() async throws -> PublishedKeysSnapshot {
        try await self.run("read published keys snapshot") {
            // One statement, one MVCC snapshot: the counter and the keys are consistent.
            let rows = try await self.rows(
                """
                SELECT c.value, k.role, k.key_hex, k.certificate_hex, k.not_valid_after,
                       k.not_valid_after_micros, k.parent_key_hex, k.owner_id, k.epoch, k.added_at_micros
                FROM epoch_counter c LEFT JOIN published_keys k ON TRUE
                WHERE c.id = 1 ORDER BY k.id
                """
            )
            guard let first = rows.first else {
                throw StorageError(.corruptData, "the epoch counter row is missing")
            }
            let maxEpoch = try first.decode(Int32.self)
            var keys: [PublishedKey] = []
            for row in rows {
                // LEFT JOIN: with no keys there is one row whose key columns are all NULL.
                let columns = try row.decode(SnapshotRow.self)
                guard let role = columns.1 else { continue }
                guard let keyHex = columns.2, let certificateHex = columns.3, let notValidAfter = columns.4,
                    let notValidAfterMicros = columns.5, let addedAtMicros = columns.9
                else {
                    throw StorageError(.corruptData, "a stored key has a missing column")
                }
                keys.append(
                    PublishedKey(
                        role: try Self.keyRole(role),
                        keyHex: keyHex,
                        certificateHex: certificateHex,
                        notValidAfter: notValidAfter,
                        notValidAfterMicros: notValidAfterMicros,
                        parentKeyHex: columns.6,
                        ownerId: columns.7,
                        epoch: columns.8,
                        addedAtMicros: addedAtMicros
                    )
                )
            }
            return PublishedKeysSnapshot(keys: keys, maxEpoch: maxEpoch)
        }
    }

    package func maxEpoch() async throws -> Int32 {
        try await self.run("read max epoch") {
            guard let row = try await self.rows("SELECT value FROM epoch_counter WHERE id = 1").first else {
                throw StorageError(.corruptData, "the epoch counter row is missing")
            }
            return try row.decode(Int32.self)
        }
    }

    package func keysVersion() async throws -> PublishedKeysVersion {
        try await self.run("read published keys version") {
            // One statement, one MVCC snapshot.
            let rows = try await self.rows(
                "SELECT value, (SELECT count(*) FROM published_keys) FROM epoch_counter WHERE id = 1")
            guard let row = rows.first else { throw StorageError(.corruptData, "the epoch counter row is missing") }
            let (epoch, count) = try row.decode((Int32, Int64).self)
            return PublishedKeysVersion(maxEpoch: epoch, keyCount: Int(count))
        }
    }

    package func latestAddedAt(role: PublishedKeyRole) async throws -> Int64? {
        try await self.run("read latest key time") {
            let rows = try await self.rows(
                "SELECT max(added_at_micros) FROM published_keys WHERE role = \(role.rawValue)"
            )
            return try rows.first?.decode(Int64?.self) ?? nil
        }
    }

    @discardableResult
    package func deleteExpired(nowMicros: Int64) async throws -> Int {
        try await self.transaction("delete expired keys") { connection in
            try await connection.query(PostgresLocks.transactionLock(PostgresLocks.keys), logger: self.logger)
            let rows = try await connection.query(
                """
                WITH deleted AS (
                    DELETE FROM published_keys WHERE not_valid_after_micros < \(nowMicros) RETURNING 1
                ) SELECT count(*) FROM deleted
                """,
                logger: self.logger
            ).collect()
            let deleted = Int(try rows.first?.decode(Int64.self) ?? 0)
            if deleted > 0 {
                _ = try await Self.bumpEpoch(connection, logger: self.logger)
            }
            return deleted
        }
    }

    package func epoch(ofKeyHex keyHex: String, role: PublishedKeyRole) async throws -> Int32? {
        try await self.key(ofKeyHex: keyHex, role: role)?.epoch
    }

    package func key(ofKeyHex keyHex: String, role: PublishedKeyRole) async throws -> PublishedKey? {
        try await self.run("look up published key") {
            try await self.rows(
                """
                SELECT \(unescaped: Self.keyColumns) FROM published_keys
                WHERE role = \(role.rawValue) AND key_hex = \(keyHex)
                """
            ).first.map(Self.decodeKey)
        }
    }

    private static func bumpEpoch(_ connection: PostgresConnection, logger: Logger) async throws -> Int32 {
        let rows = try await connection.query(
            "UPDATE epoch_counter SET value = value + 1 WHERE id = 1 RETURNING value",
            logger: logger
        ).collect()
        guard let row = rows.first else {
            throw StorageError(.corruptData, "the epoch counter row is missing")
        }
        return try row.decode(Int32.self)
    }

    private static func keyRole(_ name: String) throws -> PublishedKeyRole {
        guard let role = PublishedKeyRole(rawValue: name) else {
            throw StorageError(.corruptData, "a stored key has an unknown role")
        }
        return role
    }

    private static func decodeKey(_ row: PostgresRow) throws -> PublishedKey {
        let (role, keyHex, certificateHex, notValidAfter, notValidAfterMicros, parent, owner, epoch, addedAt) =
            try row.decode((String, String, String, String, Int64, String?, String?, Int32?, Int64).self)
        return PublishedKey(
            role: try keyRole(role),
            keyHex: keyHex,
            certificateHex: certificateHex,
            notValidAfter: notValidAfter,
            notValidAfterMicros: notValidAfterMicros,
            parentKeyHex: parent,
            ownerId: owner,
            epoch: epoch,
            addedAtMicros: addedAt
        )
    }
}
