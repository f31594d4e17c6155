import Foundation
package import Logging
import PostgresNIO
package import ServiceLifecycle
import TiplineCore

/// A migrated store and the services that must run, in the caller's `ServiceGroup`, while it is used.
///
/// One way to open the store for `tipline api`, `tipline covernode` and `tipline serve`:
///
/// ```swift
/// let opened = try await OpenedStore.open(database: settings.database, logger: logger)
/// try await ServiceRunner.run(opened.services + [app], logger: logger)
/// ```
///
/// List ``services`` first: a group stops its services in reverse order, so the database client (PostgreSQL) or
/// the file (SQLite) is closed only after everything that uses it has stopped.
package struct OpenedStore: Sendable {
    /// The store, migrated; usable while ``services`` run.
    package let store: any TiplineStore
    /// What runs the store: PostgreSQL's client, or the closing of the SQLite file at graceful shutdown.
    package let services: [any Service]

    /// Opens and migrates the store at `database`.
    ///
    /// - Parameters:
    ///   - database: a SQLite file path (its folder is created) or a `postgres://` / `postgresql://` URL.
    ///   - logger: the logger of the database client.
    /// - Throws: ``StorageError`` with code `configuration` for a malformed URL or a folder that cannot be created,
    ///   `migration` when the schema cannot be brought up to date, `database` when the file cannot be opened.
    package static func open(database: String, logger: Logger) async throws -> OpenedStore {
        let lowercased = database.lowercased()
        if lowercased.hasPrefix("postgres://") || lowercased.hasPrefix("postgresql://") {
            return try await openPostgres(url: database, logger: logger)
        }
        return try openSQLite(path: database)
    }

    /// Migrates with a short-lived client (so the schema is current before any service starts), then returns a
    /// fresh client for the caller's service group: a `PostgresClient` runs only once.
    private static func openPostgres(url: String, logger: Logger) async throws -> OpenedStore {
        let configuration = try PostgresConnectionSettings(url: url).clientConfiguration()
        let migrationClient = PostgresClient(configuration: configuration, backgroundLogger: logger)
        try await withThrowingDiscardingTaskGroup { group in
            group.addTask { await migrationClient.run() }
            try await PostgresStore(client: migrationClient, logger: logger).migrate()
            group.cancelAll()
        }
        let client = PostgresClient(configuration: configuration, backgroundLogger: logger)
        return OpenedStore(store: PostgresStore(client: client, logger: logger), services: [client])
    }

    private static func openSQLite(path: String) throws -> OpenedStore {
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw StorageError(.configuration, "cannot create the database folder \(folder)")
        }
        let store = try SQLiteStore(path: path)
        return OpenedStore(store: store, services: [SQLiteCloser(store: store)])
    }
}

/// Keeps the SQLite file open until graceful shutdown (or cancellation), then closes it.
private struct SQLiteCloser: Service {
    let store: SQLiteStore

    func run() async throws {
        try? await gracefulShutdown()
        try store.close()
    }
}
