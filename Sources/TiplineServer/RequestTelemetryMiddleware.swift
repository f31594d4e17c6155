import HTTPTypes
package import Hummingbird
import Logging
package import Prometheus

/// Counts requests and measures their latency in Prometheus, and logs each request at `debug`.
///
/// Labels and log fields are only the matched route template (`/v1/user/dead-drops`, never the raw path or query),
/// the method (one of the standard ones, else `OTHER`) and the status code: nothing a client chooses freely, and
/// nothing about who sent the request.
package struct RequestTelemetryMiddleware<Context: RequestContext>: RouterMiddleware {
    private let registry: PrometheusCollectorRegistry

    /// Records into `registry`.
    package init(registry: PrometheusCollectorRegistry) { self.registry = registry }

    package func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    )
        async throws -> Response
    {
        let start = ContinuousClock.now
        let method = TelemetryVocabulary.knownMethods.contains(request.method) ? request.method.rawValue : "OTHER"
        do {
            let response = try await next(request, context)
            record(context: context, method: method, status: response.status, elapsed: ContinuousClock.now - start)
            return response
        } catch {
            let status = (error as? any HTTPResponseError)?.status ?? .internalServerError
            record(context: context, method: method, status: status, elapsed: ContinuousClock.now - start)
            throw error
        }
    }

    private func record(context: Context, method: String, status: HTTPResponse.Status, elapsed: Duration) {
        let route = context.endpointPath ?? "unmatched"
        registry.makeCounter(
            descriptor: TelemetryVocabulary.requestsMetric,
            labels: [("route", route), ("method", method), ("status", String(status.code))]
        ).increment()
        registry.makeDurationHistogram(
            descriptor: TelemetryVocabulary.durationMetric, labels: [("route", route), ("method", method)],
            buckets: TelemetryVocabulary.buckets
        ).record(elapsed)
        context.logger.debug(
            "request",
            metadata: [
                "route": .string(route), "method": .string(method), "status": .stringConvertible(status.code),
                "duration_ms": .stringConvertible(elapsed / .milliseconds(1)),
            ])
    }
}

/// The metric names, buckets and method vocabulary of ``RequestTelemetryMiddleware``.
private enum TelemetryVocabulary {
    static var requestsMetric: MetricNameDescriptor {
        MetricNameDescriptor(
            namespace: "tipline", subsystem: "http", metricName: "requests", unitName: "total",
            helpText: "HTTP requests by route template, method and status.")
    }
    static var durationMetric: MetricNameDescriptor {
        MetricNameDescriptor(
            namespace: "tipline", subsystem: "http", metricName: "request_duration", unitName: "seconds",
            helpText: "HTTP request latency by route template and method.")
    }
    static let buckets: [Duration] = [
        .microseconds(500), .milliseconds(1), .milliseconds(2), .milliseconds(5), .milliseconds(10),
        .milliseconds(25), .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500),
        .seconds(1), .seconds(2.5), .seconds(5),
    ]
    static let knownMethods: Set<HTTPRequest.Method> = [.get, .head, .post, .put, .patch, .delete, .options]
}
