import Logging
import ServiceLifecycle
import TiplineCore
import TiplineServer
import TiplineStorage

/// Runs `tipline api` from its settings: opens the store, loads the trust anchors, serves until SIGTERM or SIGINT.
/// With `metrics.port` set, the metrics go on a private loopback ``MetricsListener``, never on the API's port.
package enum APIServer {
    /// Serves with SQLite (a file path; its folder is created) or PostgreSQL (a `postgres://` URL; migrated first).
    /// - Throws: `TiplineServerError` or ``APIError`` when the settings or anchors are unusable, `StorageError` when
    ///   the database is (see `OpenedStore`).
    package static func run(settings: APISettings) async throws {
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
        let opened = try await OpenedStore.open(database: settings.database, logger: logger)
        let app = buildApplication(
            settings: settings, store: opened.store, trustAnchors: anchors, registry: registry, logLevel: control,
            onServerRunning: announce)
        // The store's services first and the app last: the app stops first, the database after it.
        try await ServiceRunner.run(opened.services + [metrics].compactMap { $0 } + [app], logger: logger)
    }
}
