import Foundation
import GRDB
import TiplineCore

/// The embedded backend: one SQLite file through GRDB's `DatabasePool` (WAL, `synchronous = FULL`).
///
/// Every write is one transaction, so a batch is all-or-nothing, and it is on disk when the call
/// returns. Several processes may open the same file: writers wait up to 10 s for the lock.
package struct SQLiteStore: TiplineStore, Sendable {
    let pool: DatabasePool

    /// Opens (creating if needed) the database at `path` and applies pending migrations.
    ///
    /// - Throws: ``StorageError`` if the file cannot be opened or migrated.
    package init(path: String) throws {
        var configuration = GRDB.Configuration()
        configuration.busyMode = .timeout(10)
        do {
            let pool = try DatabasePool(path: path, configuration: configuration)
            // GRDB sets `synchronous = NORMAL` on the writer when it enables WAL (after any
            // `prepareDatabase`), so set FULL here, on the one connection that writes. In WAL mode
            // FULL syncs the WAL on every commit: a returned write survives power loss.
            try pool.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA synchronous = FULL")
            }
            try SQLiteMigrations.migrator.migrate(pool)
            self.pool = pool
        } catch {
            throw Self.storageError(error, operation: "open SQLite database")
        }
    }

    /// Closes the database connections. Later calls on this store fail.
    package func close() throws {
        do {
            try self.pool.close()
        } catch {
            throw Self.storageError(error, operation: "close SQLite database")
        }
    }

    func write<T: Sendable>(
        _ operation: String,
        _ updates: @Sendable (Database) throws -> T
    ) async throws -> T {
        try await Self.mappingErrors(of: operation) { try await self.pool.write(updates) }
    }

    func read<T: Sendable>(
        _ operation: String,
        _ value: @Sendable (Database) throws -> T
    ) async throws -> T {
        try await Self.mappingErrors(of: operation) { try await self.pool.read(value) }
    }

    /// Runs `access`, turning any error into the ``StorageError`` of ``storageError(_:operation:)``.
    private static func mappingErrors<T>(of operation: String, _ access: () async throws -> T) async throws -> T {
        do {
            return try await access()
        } catch {
            throw storageError(error, operation: operation)
        }
    }

    /// Maps GRDB errors to ``StorageError`` without statement arguments (which may be message bytes).
    static func storageError(_ error: any Error, operation: String) -> StorageError {
        switch error {
        case let error as StorageError:
            return error
        case let error as DatabaseError where error.resultCode == .SQLITE_FULL:
            return StorageError(.diskFull, "\(operation) failed: the database's disk is full")
        case let error as DatabaseError:
            let detail = error.message ?? "no message"
            return StorageError(
                .database, "\(operation) failed: SQLite error \(error.resultCode.rawValue): \(detail)"
            )
        case is RowDecodingError:
            return StorageError(.corruptData, "\(operation) failed: a stored value has an unexpected type")
        default:
            return StorageError(.database, "\(operation) failed: \(type(of: error))")
        }
    }
}
