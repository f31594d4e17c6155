package import Logging
package import PostgresNIO
import TiplineCore

/// The scale backend: PostgreSQL through postgres-nio's `PostgresClient`.
///
/// The client is a ServiceLifecycle `Service`: the caller runs it (in a `ServiceGroup` or with
/// `client.run()` in a task) for as long as the store is used. Call ``migrate()`` once at start-up;
/// several processes may do so at the same time.
package struct PostgresStore: TiplineStore, Sendable {
    /// The client the store runs its queries on.
    package let client: PostgresClient
    let logger: Logger
    /// How long one operation (a transaction or a query) may take before its caller gets an error.
    let deadline: OperationDeadline

    /// The default ``init(client:logger:operationTimeout:)`` bound: far above any healthy operation, short enough
    /// that a request never hangs behind a lost one.
    package static let defaultOperationTimeout: Duration = .seconds(30)

    /// Creates a store on a client that the caller runs. No operation keeps its caller waiting longer than
    /// `operationTimeout` (see ``OperationDeadline``).
    package init(
        client: PostgresClient, logger: Logger = Logger(label: "tipline.storage.postgres"),
        operationTimeout: Duration = defaultOperationTimeout
    ) {
        self.client = client
        self.logger = logger
        self.deadline = OperationDeadline(timeout: operationTimeout)
    }

    /// Applies pending schema migrations under an advisory lock.
    ///
    /// - Throws: ``StorageError`` with code `migration` if a migration fails.
    package func migrate() async throws {
        do {
            try await PostgresMigrator.migrate(PostgresMigrations.all, client: self.client, logger: self.logger)
        } catch {
            let mapped = Self.storageError(error, operation: "migrate PostgreSQL schema")
            throw StorageError(.migration, mapped.message)
        }
    }

    /// Runs one statement-level operation, mapping errors to ``StorageError``.
    func run<T: Sendable>(_ operation: String, _ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch {
            throw Self.storageError(error, operation: operation)
        }
    }

    /// Runs `body` in one transaction, mapping errors to ``StorageError``.
    func transaction<T: Sendable>(
        _ operation: String,
        _ body: @escaping @Sendable (PostgresConnection) async throws -> T
    ) async throws -> T {
        do {
            return try await deadline.run(operation) { [client, logger] in
                try await client.withTransaction(logger: logger) { connection in
                    try await body(connection)
                }
            }
        } catch {
            throw Self.storageError(error, operation: operation)
        }
    }

    /// Runs a query on the pool and collects its rows.
    func rows(_ query: PostgresQuery) async throws -> [PostgresRow] {
        try await deadline.run("query") { [client, logger] in
            try await client.query(query, logger: logger).collect()
        }
    }

    /// Maps postgres-nio errors to ``StorageError``. Only the SQLSTATE and the server's primary
    /// message are kept: the DETAIL field may quote row values, and binds are never included.
    static func storageError(_ error: any Error, operation: String) -> StorageError {
        switch error {
        case let error as StorageError:
            return error
        case let error as PostgresTransactionError:
            if let inner = error.closureError ?? error.commitError ?? error.beginError ?? error.rollbackError {
                return storageError(inner, operation: operation)
            }
            return StorageError(.database, "\(operation) failed: transaction error")
        case let error as PSQLError:
            if let info = error.serverInfo {
                let state = info[.sqlState] ?? "?????"
                let message = info[.message] ?? "no message"
                if state == "53100" {
                    return StorageError(.diskFull, "\(operation) failed: the database's disk is full")
                }
                return StorageError(.database, "\(operation) failed: PostgreSQL \(state): \(message)")
            }
            return StorageError(.database, "\(operation) failed: \(error.code)")
        case is PostgresDecodingError:
            return StorageError(.corruptData, "\(operation) failed: a stored value has an unexpected type")
        case is CancellationError:
            return StorageError(.database, "\(operation) failed: cancelled")
        default:
            return StorageError(.database, "\(operation) failed: \(type(of: error))")
        }
    }
}
