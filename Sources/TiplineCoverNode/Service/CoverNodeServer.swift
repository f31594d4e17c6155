import Logging
import Prometheus
import ServiceLifecycle
import TiplineAPIClient
import TiplineServer
import TiplineStorage

/// Runs `tipline covernode` from its settings: opens the stream store, then runs ``CoverNodeService`` until SIGTERM
/// or SIGINT (graceful: the release being published is finished; an interrupted one is finished at the next start).
package enum CoverNodeServer {
    /// Runs until a signal stops it.
    package static func run(settings: CoverNodeServerSettings) async throws {
        let control = LogLevelControl(settings.logLevel)
        let logger = control.logger(label: "tipline.covernode")
        let api = APIClient(baseURL: settings.apiURL)
        let registry = GlobalMetrics.registry()
        let listener = MetricsListener.service(
            name: "covernode", port: settings.metricsPort, registry: registry, logger: logger)
        let database: String
        switch settings.streams {
        case .postgres(let url): database = url
        case .sqlite(let path): database = path
        }
        let opened = try await OpenedStore.open(database: database, logger: logger)
        let service = CoverNodeService(
            settings: settings.service, store: opened.store, api: api,
            metrics: PrometheusMetricsFactory(registry: registry), logger: logger)
        // The store's services first: they stop last, after the CoverNode has finished its release.
        try await ServiceRunner.run(opened.services + [service] + [listener].compactMap { $0 }, logger: logger)
    }
}
