import Foundation
import Logging
import PostgresNIO
import ServiceLifecycle
import TiplineServer
import TiplineStorage

/// Runs `tipline api` from its settings: opens the store, loads the trust anchors, serves until SIGTERM or SIGINT.
/// With `metrics.port` set, the metrics go on a private loopback ``MetricsListener``, never on the API's port.
public enum APIServer {
    /// Serves with SQLite (a file path; its folder is created) or PostgreSQL (a `postgres://` URL; migrated first).
    /// - Throws: `TiplineServerError` or ``APIError`` when the settings, anchors or database are unusable.
    public static func run(settings: APISettings) async throws {
        guard let anchorsPath = settings.trustAnchorsPath else {
            throw TiplineServerError(.configuration, "trust-anchors (--trust-anchors) is required")
        }
        let anchors = try TrustAnchors.load(path: anchorsPath)
        let control = LogLevelControl(settings.http.logLevel)
        let logger = control.logger(label: "tipline.api")
        let announce: @Sendable (Int) async -> Void = { port in
            logger.info("tipline api is listening", metadata: ["host": .string(settings.http.host), "port": "\(port)"])
        }
        let registry = GlobalMetrics.registry()
        let metrics = MetricsListener.service(
            name: "api", port: settings.metricsPort, registry: registry, logger: logger)
        /// The metrics listener (if any) and the app, which stops first.
        func services(_ app: APIApplication) -> [any Service] { [metrics].compactMap { $0 } + [app] }
        if settings.database.hasPrefix("postgres://") || settings.database.hasPrefix("postgresql://") {
            let connection = try PostgresConnectionSettings(url: settings.database)
            let client = PostgresClient(configuration: connection.clientConfiguration(), backgroundLogger: logger)
            let store = PostgresStore(client: client, logger: logger)
            try await withThrowingDiscardingTaskGroup { group in
                group.addTask { await client.run() }
                try await store.migrate()
                let app = buildApplication(
                    settings: settings, store: store, trustAnchors: anchors, registry: registry, logLevel: control,
                    onServerRunning: announce)
                try await ServiceRunner.run(services(app), logger: logger)
                group.cancelAll()
            }
        } else {
            let folder = URL(fileURLWithPath: settings.database).deletingLastPathComponent().path
            do {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            } catch {
                throw TiplineServerError(.startup, "cannot create the database folder \(folder)")
            }
            let store = try SQLiteStore(path: settings.database)
            defer { try? store.close() }
            let app = buildApplication(
                settings: settings, store: store, trustAnchors: anchors, registry: registry, logLevel: control,
                onServerRunning: announce)
            try await ServiceRunner.run(services(app), logger: logger)
        }
    }
}
