import TiplineCore

/// The PostgreSQL schema as an ordered list of named, plain-SQL migrations.
/// Never edit a shipped migration: append a new one. Each migration is a list of single statements
/// (the extended query protocol runs one statement per query).
enum PostgresMigrations {
    static let all: [PostgresMigration] = [
        PostgresMigration(
            name: "v1: keys, profiles, status, dead drops, streams, checkpoints, form replay",
            statements: [
                """
                CREATE TABLE epoch_counter (
                    id SMALLINT PRIMARY KEY CHECK (id = 1),
                    value INTEGER NOT NULL
                )
                """,
                "INSERT INTO epoch_counter (id, value) VALUES (1, 0)",
                """
                CREATE TABLE published_keys (
                    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                    role TEXT NOT NULL,
                    key_hex TEXT NOT NULL,
                    certificate_hex TEXT NOT NULL,
                    not_valid_after TEXT NOT NULL,  -- verbatim RFC 3339: timestamptz would not round-trip
                    not_valid_after_micros BIGINT NOT NULL,
                    parent_key_hex TEXT,
                    owner_id TEXT,
                    epoch INTEGER,
                    added_at_micros BIGINT NOT NULL,
                    UNIQUE (role, key_hex)
                )
                """,
                "CREATE INDEX published_keys_expiry ON published_keys (not_valid_after_micros)",
                "CREATE INDEX published_keys_role_added ON published_keys (role, added_at_micros)",
                """
                CREATE TABLE journalist_profiles (
                    id TEXT PRIMARY KEY,
                    display_name TEXT NOT NULL,
                    sort_name TEXT NOT NULL,
                    description TEXT NOT NULL,
                    is_desk BOOLEAN NOT NULL,
                    status TEXT NOT NULL,
                    tag_hex TEXT NOT NULL
                )
                """,
                """
                CREATE TABLE system_status_events (
                    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                    status TEXT NOT NULL,
                    description TEXT NOT NULL,
                    timestamp_micros BIGINT NOT NULL
                )
                """,
                "CREATE INDEX system_status_events_time ON system_status_events (timestamp_micros, id)",
                // Every INSERT into an append-only table whose ids readers page through takes a
                // per-table advisory lock BEFORE any row (and so any identity value) is produced, and
                // holds it until commit. Ids are therefore assigned and committed in the same order,
                // whoever the writer is. See PostgresStore+MessageStreamStore_postgres.swift.
                """
                CREATE FUNCTION tipline_serialize_appends() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    PERFORM pg_advisory_xact_lock(\(PostgresLocks.namespace), TG_ARGV[0]::integer);
                    RETURN NULL;
                END
                $$
                """,
            ]
                + deadDropTable(.user) + deadDropTable(.journalist)
                + streamTable(.userToCoverNode) + streamTable(.journalistToCoverNode)
                + [
                    """
                    CREATE TABLE stream_checkpoints (
                        consumer TEXT PRIMARY KEY,
                        position BIGINT NOT NULL
                    )
                    """,
                    """
                    CREATE TABLE used_form_signatures (
                        signature BYTEA PRIMARY KEY,
                        expires_at_micros BIGINT NOT NULL
                    )
                    """,
                    "CREATE INDEX used_form_signatures_expiry ON used_form_signatures (expires_at_micros)",
                ]
        ),
        PostgresMigration(
            name: "v2: journalist identity rotation queue",
            statements: [
                """
                CREATE TABLE identity_rotation_queue (
                    journalist_id TEXT PRIMARY KEY,
                    new_key_hex TEXT NOT NULL,
                    form BYTEA NOT NULL,
                    expires_at_micros BIGINT NOT NULL
                )
                """,
                "CREATE INDEX identity_rotation_queue_expiry ON identity_rotation_queue (expires_at_micros)",
            ]
        ),
    ]

    private static func deadDropTable(_ kind: DeadDropKind) -> [String] {
        let table = kind.tableName
        return [
            """
            CREATE TABLE \(table) (
                id INTEGER GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                data BYTEA NOT NULL,
                created_at_micros BIGINT NOT NULL,
                signature BYTEA NOT NULL,
                epoch INTEGER
            )
            """,
            // sha256() is built in since PostgreSQL 11; a byte-identical re-POST conflicts here.
            "CREATE UNIQUE INDEX \(table)_data_hash ON \(table) (sha256(data))",
            "CREATE INDEX \(table)_created ON \(table) (created_at_micros)",
            """
            CREATE TRIGGER \(table)_serialize BEFORE INSERT ON \(table)
            FOR EACH STATEMENT EXECUTE FUNCTION tipline_serialize_appends('\(PostgresLocks.deadDrops(kind))')
            """,
        ]
    }

    private static func streamTable(_ stream: MessageStream) -> [String] {
        let table = stream.tableName
        return [
            // Identity columns use CACHE 1 (the default): values are handed out in time order
            // across sessions. Never raise the cache: per-session caches break that order.
            """
            CREATE TABLE \(table) (
                position BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                message BYTEA NOT NULL,
                received_at_micros BIGINT NOT NULL
            )
            """,
            "CREATE UNIQUE INDEX \(table)_message_hash ON \(table) (sha256(message))",
            "CREATE INDEX \(table)_received ON \(table) (received_at_micros)",
            """
            CREATE TRIGGER \(table)_serialize BEFORE INSERT ON \(table)
            FOR EACH STATEMENT EXECUTE FUNCTION tipline_serialize_appends('\(PostgresLocks.stream(stream))')
            """,
        ]
    }
}

/// One named migration: plain SQL statements applied in one transaction.
struct PostgresMigration: Sendable {
    let name: String
    let statements: [String]
}
