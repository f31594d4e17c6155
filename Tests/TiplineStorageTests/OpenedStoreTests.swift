import Foundation
import Logging
import ServiceLifecycle
import Testing
import TiplineCore
import TiplineStorage

/// The one store opener of `tipline api`, `tipline covernode` and `tipline serve`.
@Suite("OpenedStore")
struct OpenedStoreTests {
    @Test func sqlitePathCreatesTheFolderMigratesAndClosesAtShutdown() async throws {
        try await SQLiteTestDatabase.withDirectory { directory in
            let path = directory.appendingPathComponent("nested/data/tipline.sqlite").path
            let opened = try await OpenedStore.open(database: path, logger: PostgresTestEnvironment.logger)
            #expect(FileManager.default.fileExists(atPath: path))
            try await Self.runServices(opened) {
                let status = try await opened.store.latestStatus()
                #expect(status == nil)
            }
            // The services closed the file at graceful shutdown: the store refuses further use.
            await #expect(throws: StorageError.self) { try await opened.store.latestStatus() }
        }
    }

    @Test(.enabled(if: PostgresTestEnvironment.enabled, PostgresTestEnvironment.disabledReason))
    func postgresURLMigratesAndRunsTheClientAsAService() async throws {
        try await PostgresTestDatabase.withDatabase { settings in
            let url = try Self.url(database: settings.database)
            let opened = try await OpenedStore.open(database: url, logger: PostgresTestEnvironment.logger)
            #expect(opened.services.count == 1)
            try await Self.runServices(opened) {
                let status = try await opened.store.latestStatus()
                #expect(status == nil)
            }
        }
    }

    @Test(arguments: [
        "postgres://",
        "postgresql://user@:5432/db",
        "postgres://127.0.0.1:70000/db",
        "postgres://127.0.0.1/db?sslmode=require",
    ])
    func badPostgresURLIsAConfigurationError(url: String) async throws {
        let error = await #expect(throws: StorageError.self) {
            _ = try await OpenedStore.open(database: url, logger: PostgresTestEnvironment.logger)
        }
        #expect(error?.code == .configuration)
    }

    @Test func unusableSQLiteFolderIsAConfigurationError() async throws {
        try await SQLiteTestDatabase.withDirectory { directory in
            let file = directory.appendingPathComponent("a-file")
            try Data().write(to: file)
            let error = await #expect(throws: StorageError.self) {
                _ = try await OpenedStore.open(
                    database: file.appendingPathComponent("tipline.sqlite").path, logger: PostgresTestEnvironment.logger
                )
            }
            #expect(error?.code == .configuration)
            #expect(error?.message.contains("cannot create the database folder") == true)
        }
    }

    /// Runs the store's services in a group, calls `body`, then shuts the group down gracefully.
    private static func runServices(_ opened: OpenedStore, _ body: () async throws -> Void) async throws {
        let group = ServiceGroup(services: opened.services, logger: PostgresTestEnvironment.logger)
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            do {
                try await body()
            } catch {
                await group.triggerGracefulShutdown()
                throw error
            }
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
        }
    }

    /// The test server's URL with another database name.
    private static func url(database: String) throws -> String {
        _ = try PostgresTestEnvironment.settings()
        var components = PostgresTestEnvironment.url.flatMap { URLComponents(string: $0) }
        components?.path = "/" + database
        guard let url = components?.string else {
            throw StorageError(.configuration, "TIPLINE_POSTGRES_URL is not a URL")
        }
        return url
    }
}
