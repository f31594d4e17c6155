import Hummingbird
import Logging
import Prometheus
import ServiceLifecycle
import TiplineServer

/// The CoverNode's only listener, and only when `metrics.port` is set: `GET /metrics` (the Prometheus text of the
/// pipelines' aggregate counters) and `GET /v1/healthcheck`, on 127.0.0.1. It accepts nothing else: the CoverNode
/// itself never takes requests.
enum CoverNodeMetricsListener {
    /// The listener as a service, or `nil` without a port.
    static func service(
        port: Int?, registry: PrometheusCollectorRegistry, logger: Logger
    ) -> (any Service)? {
        guard let port else { return nil }
        let router = Router(context: BasicRequestContext.self)
        router.addHealthCheck(name: "covernode")
        router.addMetrics(registry: registry)
        return Application(
            router: router, configuration: ApplicationConfiguration(address: .hostname("127.0.0.1", port: port)),
            onServerRunning: { channel in
                logger.info("metrics listening", metadata: ["port": "\(channel.localAddress?.port ?? port)"])
            }, logger: logger)
    }
}
