import Metrics
package import Prometheus
import Synchronization

/// The process's one Prometheus registry behind swift-metrics' global `MetricsSystem`, so that libraries that
/// create `Counter(label:)`s (the CoverNode's pipelines) land on the same private ``MetricsListener`` as the API's own
/// metrics (never on a public listener).
package enum GlobalMetrics {
    private static let bootstrapped = Mutex<PrometheusCollectorRegistry?>(nil)

    /// The registry, bootstrapping `MetricsSystem` with it on first use (later calls return the same registry
    /// instead of bootstrapping twice, which swift-metrics forbids).
    package static func registry() -> PrometheusCollectorRegistry {
        bootstrapped.withLock { registry in
            if let registry { return registry }
            let created = PrometheusCollectorRegistry()
            MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: created))
            registry = created
            return created
        }
    }

    /// The Prometheus text of ``registry()`` (what a private ``MetricsListener`` serves), for in-process readers.
    package static func text() -> String { String(decoding: registry().emitToBuffer(), as: UTF8.self) }
}
