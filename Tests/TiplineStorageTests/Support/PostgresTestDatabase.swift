import Foundation
import Logging
import PostgresNIO
import Testing
import TiplineCore

@testable import TiplineStorage

/// Where the PostgreSQL tests run: `TIPLINE_POSTGRES_URL` (see `scripts/start-postgres.sh`).
///
/// Without it the PostgreSQL suites are disabled, except when `CI` is set: then they run and fail,
/// so CI can never pass by silently skipping them.
enum PostgresTestEnvironment {
    static let url: String? = {
        guard let value = ProcessInfo.processInfo.environment["TIPLINE_POSTGRES_URL"], !value.isEmpty else {
            return nil
        }
        return value
    }()

    static let isCI: Bool = {
        guard let value = ProcessInfo.processInfo.environment["CI"]?.lowercased() else { return false }
        return !value.isEmpty && value != "0" && value != "false"
    }()

    /// Run the PostgreSQL suites when a URL is set, and always in CI.
    static let enabled = url != nil || isCI

    static let disabledReason: Comment =
        "TIPLINE_POSTGRES_URL is not set; run eval \"$(scripts/start-postgres.sh)\" to enable the PostgreSQL tests"

    static var logger: Logger {
        var logger = Logger(label: "tipline.storage.tests")
        logger.logLevel = .warning
        return logger
    }

    static func settings() throws -> PostgresConnectionSettings {
        guard let url else {
            throw StorageError(
                .configuration, "CI is set but TIPLINE_POSTGRES_URL is not: the PostgreSQL tests must run in CI"
            )
        }
        return try PostgresConnectionSettings(url: url)
    }
}

/// A fresh PostgreSQL database per test, dropped afterwards, so tests can run in parallel.
enum PostgresTestDatabase {
    /// Runs `body` with a client that is running for the duration of the call.
    static func withClient<T: Sendable>(
        _ settings: PostgresConnectionSettings,
        _ body: (PostgresClient) async throws -> T
    ) async throws -> T {
        var configuration = settings.clientConfiguration()
        // Many tests run in parallel, each with its own clients: stay well below max_connections.
        configuration.options.maximumConnections = 8
        let client = PostgresClient(configuration: configuration, backgroundLogger: PostgresTestEnvironment.logger)
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await client.run() }
            defer { group.cancelAll() }
            return try await body(client)
        }
    }

    /// Creates an empty database, runs `body` with its settings, then drops it.
    static func withDatabase<T: Sendable>(_ body: (PostgresConnectionSettings) async throws -> T) async throws -> T {
        let admin = try PostgresTestEnvironment.settings()
        let name = "tipline_test_\(Fixtures.hex(8))"
        return try await withClient(admin) { adminClient in
            try await adminClient.query("CREATE DATABASE \(unescaped: name)", logger: PostgresTestEnvironment.logger)
            var settings = admin
            settings.database = name
            let result: Result<T, any Error>
            do {
                result = .success(try await body(settings))
            } catch {
                result = .failure(error)
            }
            try await adminClient.query(
                "DROP DATABASE IF EXISTS \(unescaped: name) WITH (FORCE)",
                logger: PostgresTestEnvironment.logger
            )
            return try result.get()
        }
    }

    /// A migrated ``PostgresStore`` on a fresh database.
    static func withStore<T: Sendable>(
        _ body: (PostgresStore, PostgresConnectionSettings) async throws -> T
    ) async throws -> T {
        try await withDatabase { settings in
            try await withClient(settings) { client in
                let store = PostgresStore(client: client, logger: PostgresTestEnvironment.logger)
                try await store.migrate()
                return try await body(store, settings)
            }
        }
    }

    /// A second store on the same database through its own client: another "API process".
    static func withSecondStore<T: Sendable>(
        _ settings: PostgresConnectionSettings,
        _ body: (PostgresStore) async throws -> T
    ) async throws -> T {
        try await withClient(settings) { client in
            try await body(PostgresStore(client: client, logger: PostgresTestEnvironment.logger))
        }
    }
}
