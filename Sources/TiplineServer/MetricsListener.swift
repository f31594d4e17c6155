import Hummingbird
package import Logging
package import Prometheus
package import ServiceLifecycle

/// The private metrics listener of a Tipline process, and only when it has a port: `GET /metrics` (the Prometheus
/// text of `registry`) and `GET /v1/healthcheck`, bound to 127.0.0.1 whatever the public listener binds. It serves
/// nothing else.
///
/// Metrics never go on a public listener: the CoverNode's counters (real and cover messages, queue depth) move
/// with real traffic but not with cover, so anybody who could read them could tell a source's message from cover
/// (`docs/threat-model.md`, "What the public listener exposes").
package enum MetricsListener {
    /// The listener as a service, or `nil` without a port (`0` picks a free one; the bound port is logged as
    /// `metrics listening port=N`).
    package static func service(
        name: String, port: Int?, registry: PrometheusCollectorRegistry, logger: Logger
    ) -> (any Service)? {
        guard let port else { return nil }
        let router = Router(context: BasicRequestContext.self)
        router.addHealthCheck(name: name)
        router.addMetrics(registry: registry)
        return Application(
            router: router, configuration: ApplicationConfiguration(address: .hostname("127.0.0.1", port: port)),
            onServerRunning: { channel in
                logger.info("metrics listening", metadata: ["port": "\(channel.localAddress?.port ?? port)"])
            }, logger: logger)
    }
}
