import HTTPTypes
package import Hummingbird
import NIOCore
package import Prometheus
import TiplineCore

extension Router {
    /// Adds `GET /v1/healthcheck`: `{"name", "status": "ok", "commit", "branch"}` with `Cache-Control: max-age=1`.
    package func addHealthCheck(name: String, commit: String? = nil, branch: String? = nil) {
        let body = HealthCheck(name: name, commit: commit, branch: branch)
        get("/v1/healthcheck") { _, _ in
            try JSONResponse.make(body, headers: [.cacheControl: "max-age=1"])
        }
    }

    /// Adds `GET /metrics`: the Prometheus text exposition of `registry` (aggregate counters and histograms only).
    package func addMetrics(registry: PrometheusCollectorRegistry) {
        get("/metrics") { _, _ in
            let text = ByteBuffer(bytes: registry.emitToBuffer())
            return Response(
                status: .ok,
                headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8", .cacheControl: "no-store"],
                body: ResponseBody(byteBuffer: text))
        }
    }
}
