import Foundation
import Logging
import PostgresNIO
import Testing
import TiplineStorage

/// Where the API and the CoverNode keep the streams in a real-process test: a SQLite file, or a fresh database on
/// the PostgreSQL server of `TIPLINE_POSTGRES_URL` (see `scripts/start-postgres.sh`).
enum StreamBackend: Sendable {
    case sqlite(path: String)
    case postgres(url: String)

    /// The PostgreSQL server for tests, if configured.
    static let postgresServer = ProcessInfo.processInfo.environment["TIPLINE_POSTGRES_URL"].flatMap {
        $0.isEmpty ? nil : $0
    }

    /// Run PostgreSQL tests when a server is configured, and always in CI (where they then fail instead of
    /// silently passing by being skipped).
    static let postgresEnabled: Bool = {
        let ci = ProcessInfo.processInfo.environment["CI"]?.lowercased() ?? ""
        return postgresServer != nil || !(ci.isEmpty || ci == "0" || ci == "false")
    }()

    /// `tipline api --database` value.
    var apiDatabase: String {
        switch self {
        case .sqlite(let path): path
        case .postgres(let url): url
        }
    }

    /// `tipline covernode` options that select it.
    var coverNodeArguments: [String] {
        switch self {
        case .sqlite(let path): ["--sqlite", path]
        case .postgres(let url): ["--postgres-url", url]
        }
    }

    /// Runs `body` with a store on this backend (the test's own connection, next to the processes').
    func withStore<T: Sendable>(_ body: (any TiplineStore) async throws -> T) async throws -> T {
        switch self {
        case .sqlite(let path):
            let store = try SQLiteStore(path: path)
            defer { try? store.close() }
            return try await body(store)
        case .postgres(let url):
            return try await Self.withClient(url) { client in
                let store = PostgresStore(client: client, logger: Self.logger)
                try await store.migrate()
                return try await body(store)
            }
        }
    }

    /// Runs `body` on a fresh, empty database of the test server, dropped afterwards.
    static func withFreshPostgresDatabase<T: Sendable>(_ body: (StreamBackend) async throws -> T) async throws -> T {
        let server = try #require(postgresServer, "set TIPLINE_POSTGRES_URL (eval \"$(scripts/start-postgres.sh)\")")
        let name = "covernode_test_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
        try await withClient(server) { client in
            _ = try await client.query(PostgresQuery(unsafeSQL: "CREATE DATABASE \(name)"), logger: logger).collect()
        }
        let settings = try PostgresConnectionSettings(url: server)
        let url = "postgres://\(settings.username)@\(settings.host):\(settings.port)/\(name)"
        do {
            let value = try await body(.postgres(url: url))
            try await drop(name, on: server)
            return value
        } catch {
            try? await drop(name, on: server)
            throw error
        }
    }

    private static func drop(_ name: String, on server: String) async throws {
        try await withClient(server) { client in
            _ = try await client.query(PostgresQuery(unsafeSQL: "DROP DATABASE \(name) WITH (FORCE)"), logger: logger)
                .collect()
        }
    }

    private static func withClient<T: Sendable>(
        _ url: String, _ body: (PostgresClient) async throws -> T
    ) async throws -> T {
        let client = PostgresClient(configuration: try PostgresConnectionSettings(url: url).clientConfiguration())
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await client.run() }
            defer { group.cancelAll() }
            return try await body(client)
        }
    }

    private static var logger: Logger {
        var logger = Logger(label: "tipline.covernode.tests.postgres")
        logger.logLevel = .warning
        return logger
    }
}
