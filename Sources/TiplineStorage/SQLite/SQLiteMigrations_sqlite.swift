import Foundation
import GRDB
import TiplineCore

/// Plain-SQL migrations for ``SQLiteStore``, applied once each by GRDB's `DatabaseMigrator`.
/// Never edit a shipped migration: append a new one.
enum SQLiteMigrations {
    static let all: [(name: String, sql: String)] = [
        (
            "v1: keys, profiles, status, dead drops, streams, checkpoints, form replay",
            """
            CREATE TABLE epoch_counter (
                id INTEGER PRIMARY KEY CHECK (id = 1),
                value INTEGER NOT NULL
            ) STRICT;
            INSERT INTO epoch_counter (id, value) VALUES (1, 0);

            CREATE TABLE published_keys (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                role TEXT NOT NULL,
                key_hex TEXT NOT NULL,
                certificate_hex TEXT NOT NULL,
                not_valid_after TEXT NOT NULL,
                not_valid_after_micros INTEGER NOT NULL,
                parent_key_hex TEXT,
                owner_id TEXT,
                epoch INTEGER,
                added_at_micros INTEGER NOT NULL,
                UNIQUE (role, key_hex)
            ) STRICT;
            CREATE INDEX published_keys_expiry ON published_keys (not_valid_after_micros);
            CREATE INDEX published_keys_role_added ON published_keys (role, added_at_micros);

            CREATE TABLE journalist_profiles (
                id TEXT PRIMARY KEY,
                display_name TEXT NOT NULL,
                sort_name TEXT NOT NULL,
                description TEXT NOT NULL,
                is_desk INTEGER NOT NULL,
                status TEXT NOT NULL,
                tag_hex TEXT NOT NULL
            ) STRICT;

            CREATE TABLE system_status_events (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                status TEXT NOT NULL,
                description TEXT NOT NULL,
                timestamp_micros INTEGER NOT NULL
            ) STRICT;
            CREATE INDEX system_status_events_time ON system_status_events (timestamp_micros, id);

            -- AUTOINCREMENT: ids are never reused, even after pruning the newest rows.
            -- UNIQUE(data): a byte-identical re-POST finds the existing row.
            CREATE TABLE user_dead_drops (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                data BLOB NOT NULL UNIQUE,
                created_at_micros INTEGER NOT NULL,
                signature BLOB NOT NULL,
                epoch INTEGER
            ) STRICT;
            CREATE INDEX user_dead_drops_created ON user_dead_drops (created_at_micros);

            CREATE TABLE journalist_dead_drops (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                data BLOB NOT NULL UNIQUE,
                created_at_micros INTEGER NOT NULL,
                signature BLOB NOT NULL,
                epoch INTEGER
            ) STRICT;
            CREATE INDEX journalist_dead_drops_created ON journalist_dead_drops (created_at_micros);

            -- One writer at a time (SQLite), so positions are assigned in commit order;
            -- AUTOINCREMENT keeps them from ever being reused after a prune.
            CREATE TABLE u2c_messages (
                position INTEGER PRIMARY KEY AUTOINCREMENT,
                message BLOB NOT NULL UNIQUE,
                received_at_micros INTEGER NOT NULL
            ) STRICT;
            CREATE INDEX u2c_messages_received ON u2c_messages (received_at_micros);

            CREATE TABLE j2c_messages (
                position INTEGER PRIMARY KEY AUTOINCREMENT,
                message BLOB NOT NULL UNIQUE,
                received_at_micros INTEGER NOT NULL
            ) STRICT;
            CREATE INDEX j2c_messages_received ON j2c_messages (received_at_micros);

            CREATE TABLE stream_checkpoints (
                consumer TEXT PRIMARY KEY,
                position INTEGER NOT NULL
            ) STRICT;

            CREATE TABLE used_form_signatures (
                signature BLOB PRIMARY KEY,
                expires_at_micros INTEGER NOT NULL
            ) STRICT;
            CREATE INDEX used_form_signatures_expiry ON used_form_signatures (expires_at_micros);
            """
        ),
        (
            // A UNIQUE index on the 773-byte message holds about five entries per page and made every
            // append a deep B-tree insert; a 32-byte SHA-256 digest dedups the same and is ~3x faster.
            "v2: streams deduplicate on a SHA-256 digest of the message",
            MessageStream.allCases.map { digestRebuild(of: $0.tableName) }.joined(separator: "\n")
        ),
        (
            "v3: journalist identity rotation queue",
            """
            CREATE TABLE identity_rotation_queue (
                journalist_id TEXT PRIMARY KEY,
                new_key_hex TEXT NOT NULL,
                form BLOB NOT NULL,
                expires_at_micros INTEGER NOT NULL
            ) STRICT;
            CREATE INDEX identity_rotation_queue_expiry ON identity_rotation_queue (expires_at_micros);
            """
        ),
    ]

    /// Rebuilds a stream table around a unique SHA-256 `digest` column, keeping every row, its position and the
    /// table's high-water mark (positions pruned from the top must never be handed out again).
    private static func digestRebuild(of table: String) -> String {
        """
        CREATE TABLE \(table)_v2 (
            position INTEGER PRIMARY KEY AUTOINCREMENT,
            message BLOB NOT NULL,
            digest BLOB NOT NULL UNIQUE CHECK (length(digest) = 32),
            received_at_micros INTEGER NOT NULL
        ) STRICT;
        INSERT INTO \(table)_v2 (position, message, digest, received_at_micros)
            SELECT position, message, tipline_sha256(message), received_at_micros FROM \(table);
        DELETE FROM sqlite_sequence WHERE name = '\(table)_v2';
        INSERT INTO sqlite_sequence (name, seq) SELECT '\(table)_v2', seq FROM sqlite_sequence WHERE name = '\(table)';
        DROP TABLE \(table);
        ALTER TABLE \(table)_v2 RENAME TO \(table);
        CREATE INDEX \(table)_received ON \(table) (received_at_micros);
        """
    }

    /// `tipline_sha256(blob)`: libsodium's SHA-256, for migrations that derive digests from stored rows.
    private static let sha256Function = DatabaseFunction("tipline_sha256", argumentCount: 1, pure: true) { values in
        guard let data = Data.fromDatabaseValue(values[0]) else { return nil }
        return Data(Hashing.sha256(Array(data)))
    }

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        for migration in all {
            let sql = migration.sql
            migrator.registerMigration(migration.name) { db in
                db.add(function: sha256Function)
                try db.execute(sql: sql)
            }
        }
        return migrator
    }
}
