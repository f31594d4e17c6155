import Logging
import PostgresNIO

/// A tiny GRDB-style migrator for PostgreSQL: ordered, named, plain SQL, each migration in its own
/// transaction, each applied once (recorded in `schema_migrations`).
///
/// Every step takes a transaction-level advisory lock first, so several processes starting at the
/// same moment apply each migration exactly once: the others wait, then see it recorded.
enum PostgresMigrator {
    static func migrate(_ migrations: [PostgresMigration], client: PostgresClient, logger: Logger) async throws {
        try await client.withTransaction(logger: logger) { connection in
            try await connection.query(PostgresLocks.transactionLock(PostgresLocks.migrations), logger: logger)
            try await connection.query(
                """
                CREATE TABLE IF NOT EXISTS schema_migrations (
                    name TEXT PRIMARY KEY,
                    applied_at TIMESTAMPTZ NOT NULL DEFAULT now()
                )
                """,
                logger: logger
            )
        }
        for migration in migrations {
            try await client.withTransaction(logger: logger) { connection in
                try await connection.query(PostgresLocks.transactionLock(PostgresLocks.migrations), logger: logger)
                let applied = try await connection.query(
                    "SELECT 1 FROM schema_migrations WHERE name = \(migration.name)",
                    logger: logger
                ).collect()
                guard applied.isEmpty else { return }
                for statement in migration.statements {
                    try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger)
                }
                try await connection.query(
                    "INSERT INTO schema_migrations (name) VALUES (\(migration.name))",
                    logger: logger
                )
                logger.info("applied PostgreSQL migration", metadata: ["migration": "\(migration.name)"])
            }
        }
    }
}
