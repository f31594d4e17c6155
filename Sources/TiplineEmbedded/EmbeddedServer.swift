import Foundation
package import Logging
import Prometheus
import ServiceLifecycle
import TiplineAPI
import TiplineAPIClient
import TiplineAdmin
import TiplineCore
package import TiplineCoverNode
import TiplineServer
import TiplineStorage

/// `tipline serve`: the API, the appender and the CoverNode in one process over one SQLite file in a data folder.
///
/// On first start it runs a development key ceremony (`<data>/keys`, unencrypted — development only) and
/// publishes the provisioning and admin keys through its own API; later starts reuse the folder.
package struct EmbeddedServer: Sendable {
    /// The data folder: database, development keys, CoverNode state.
    package var dataDirectory: String
    /// The address the API listens on.
    package var host = "127.0.0.1"
    /// The API's port; 0 picks a free one (``run(onReady:)`` reports the URL).
    package var port: Int
    /// How the CoverNode mixes.
    package var mixing: MixingProfile
    /// The loopback port of the private metrics listener (the API's and the CoverNode's metrics); `nil` for none.
    package var metricsPort: Int?
    /// The level of the server's log.
    package var logLevel: Logger.Level = .info

    /// Creates a server over `dataDirectory`.
    package init(
        dataDirectory: String, host: String = "127.0.0.1", port: Int, mixing: MixingProfile, metricsPort: Int? = nil,
        logLevel: Logger.Level = .info
    ) {
        self.dataDirectory = dataDirectory
        self.host = host
        self.port = port
        self.mixing = mixing
        self.metricsPort = metricsPort
        self.logLevel = logLevel
    }

    /// The development key ceremony's folder.
    package var keysDirectory: String { dataDirectory + "/keys" }
    /// The SQLite database.
    package var databasePath: String { dataDirectory + "/tipline.sqlite" }
    /// The CoverNode's state folder.
    package var coverNodeDirectory: String { dataDirectory + "/covernode" }
    /// The organisation keys the server trusts, for readers and journalists.
    package var trustAnchorsPath: String { keysDirectory + "/" + KeyCeremony.trustAnchorsFile }
    private var publishedMarker: String { keysDirectory + "/.published" }
    private var bundlePath: String { coverNodeDirectory + "/setup-bundle.json" }

    /// Runs until SIGTERM/SIGINT; calls `onReady` with the API's URL once everything is up.
    ///
    /// One service group holds the HTTP application and, once its port is known, the CoverNode and the certifier;
    /// a signal stops them in reverse order, so the CoverNode finishes a release while the API still answers.
    package func run(onReady: @escaping @Sendable (String) async -> Void = { _ in }) async throws {
        let logger = LogLevelControl(logLevel).logger(label: "tipline.serve")
        try prepareFirstStart(logger: logger)
        let anchors = try TrustAnchors.load(path: trustAnchorsPath)
        let opened = try await OpenedStore.open(database: databasePath, logger: logger)
        var settings = APISettings(port: port, database: databasePath)
        settings.http = HTTPSettings(host: host, port: port, logLevel: logLevel)
        let (ports, portContinuation) = AsyncStream.makeStream(of: Int.self)
        // One registry for the API's metrics and the CoverNode's counters, served only by the private metrics
        // listener on loopback: the CoverNode's counters tell real messages from cover, so they must never be on
        // the API's public port (docs/threat-model.md, "What the public listener exposes").
        let registry = GlobalMetrics.registry()
        let metrics = MetricsListener.service(name: "serve", port: metricsPort, registry: registry, logger: logger)
        let app = buildApplication(
            settings: settings, store: opened.store, trustAnchors: anchors, registry: registry,
            onServerRunning: { portContinuation.yield($0) })
        let backgroundWork = AfterServerStart {
            guard let boundPort = await ports.first(where: { _ in true }) else { return }
            let url = "http://\(host):\(boundPort)"
            let api = APIClient(baseURL: url)
            try await publishCeremonyKeys(api: api)
            await onReady(url)
            try await runBackgroundServices(
                api: api, store: opened.store, anchors: anchors, metrics: PrometheusMetricsFactory(registry: registry),
                logger: logger)
        }
        try await ServiceRunner.run(
            opened.services + [metrics].compactMap { $0 } + [app, backgroundWork], logger: logger)
    }

    /// The CoverNode and the identity-key certifier, until graceful shutdown.
    private func runBackgroundServices(
        api: APIClient, store: any TiplineStore, anchors: [SignedPublicKey<SigningPublicKey<Role.Organization>>],
        metrics: PrometheusMetricsFactory, logger: Logger
    ) async throws {
        let coverNode = CoverNodeService(
            settings: CoverNodeSettings(
                stateDirectory: coverNodeDirectory, mixing: mixing, keyProtection: .keyFile,
                setupBundlePath: bundlePath, pipeline: PipelineSettings(), keyTaskInterval: .seconds(60),
                directoryRefreshInterval: .seconds(60)),
            store: store, api: api, metrics: metrics, logger: logger)
        // The development ceremony's provisioning keys are local: certify queued identity keys here (§4.7).
        let certifier = IdentityRotationCertifier(
            ceremony: KeyCeremony(keys: try KeyDirectory(path: keysDirectory)), api: api, trustAnchors: anchors)
        try await withThrowingDiscardingTaskGroup { group in
            group.addTask { try await coverNode.run() }
            group.addTask {
                await cancelWhenGracefulShutdown {
                    await certifier.run { result in
                        switch result {
                        case .success(let report): if !report.isEmpty { logger.info("\(report)") }
                        case .failure(let error): logger.warning("identity-key certification failed: \(error)")
                        }
                    }
                }
            }
        }
    }

    /// Creates the development keys and the CoverNode's setup bundle when the data folder is new.
    private func prepareFirstStart(logger: Logger) throws {
        guard !FileManager.default.fileExists(atPath: trustAnchorsPath) else { return }
        let bundle = try DevelopmentCeremony.run(in: KeyDirectory(path: keysDirectory), clock: SystemWallClock())
        try KeyDirectory(path: coverNodeDirectory).write(JSONEncoder().encode(bundle), to: "setup-bundle.json")
        logger.warning(
            "DEVELOPMENT KEYS: created a new organisation key hierarchy, unencrypted, in \(keysDirectory). Never use these keys for real sources; run the key ceremony (tipline admin) offline instead."
        )
    }

    /// Uploads the provisioning and admin keys once, then marks the folder as published.
    private func publishCeremonyKeys(api: APIClient) async throws {
        guard !FileManager.default.fileExists(atPath: publishedMarker) else { return }
        let publisher = KeyPublisher(ceremony: KeyCeremony(keys: try KeyDirectory(path: keysDirectory)), api: api)
        try await publisher.publishOrganizationChildren()
        try await publisher.setStatus("AVAILABLE", description: "Development server")
        guard FileManager.default.createFile(atPath: publishedMarker, contents: Data()) else {
            throw AdminError(.io, "cannot write \(publishedMarker)")
        }
    }
}

/// Work that starts with the service group but needs the HTTP server's port first (it waits for it inside).
private struct AfterServerStart: Service {
    let body: @Sendable () async throws -> Void

    func run() async throws { try await body() }
}
