package import Hummingbird
import Logging
package import Prometheus
package import TiplineCore
package import TiplineServer
package import TiplineStorage

/// The Hummingbird application that serves the API and the appender.
package typealias APIApplication = Application<RouterResponder<BasicRequestContext>>

/// Builds the API: every CoverDrop v1 endpoint Tipline serves (`spec/PROTOCOL.md` §6.2.1–§6.2.3, §6.2.5), the
/// appender's `POST /user/messages` (§6.3) and `GET /v1/healthcheck`.
///
/// It never serves `GET /metrics`: `registry` is exported only by a private ``MetricsListener`` on loopback (see
/// `docs/threat-model.md`, "What the public listener exposes"). Connections idle for `settings.http.idleTimeout`
/// are closed.
///
/// Run it with `runService()` (or inside a larger `ServiceGroup`), or test it with HummingbirdTesting. Before it
/// takes requests it stores `trustAnchors` as the organisation keys of the published hierarchy, as CoverDrop does.
/// Its services are the appender's group commit and the retention task.
///
/// - Parameters:
///   - settings: Address, limits and retention.
///   - store: Where everything is kept; it must be usable for as long as the app runs.
///   - trustAnchors: The organisation keys every signature must chain to.
///   - clock: Wall-clock time for signatures, forms and retention.
///   - registry: Where request and appender metrics go (served only by a private ``MetricsListener``).
///   - logLevel: The log level, shared with `POST /v1/logging`; by default `settings.http.logLevel`.
///   - sleeper: The clock the retention task sleeps on.
///   - onServerRunning: Called with the bound port once the server listens (useful with port 0).
package func buildApplication(
    settings: APISettings,
    store: any TiplineStore,
    trustAnchors: [SignedPublicKey<SigningPublicKey<Role.Organization>>],
    clock: any WallClock = SystemWallClock(),
    registry: PrometheusCollectorRegistry = PrometheusCollectorRegistry(),
    logLevel: LogLevelControl? = nil,
    sleeper: any Clock<Duration> = ContinuousClock(),
    onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }
) -> APIApplication {
    let control = logLevel ?? LogLevelControl(settings.http.logLevel)
    let logger = control.logger(label: "tipline.api")
    let dependencies = APIDependencies(
        settings: settings, store: store, anchors: trustAnchors, clock: clock, logLevel: control)
    let batcher = MessageBatcher(
        store: store, clock: clock, maxBatch: settings.appenderMaxBatch, maxPending: settings.appenderMaxPending,
        registry: registry, logger: logger)
    let retention = RetentionService(
        store: store, clock: clock, retention: settings.deadDropRetention, interval: settings.retentionInterval,
        sleeper: sleeper, logger: logger)

    let router = apiRouter(dependencies: dependencies, batcher: batcher, registry: registry)

    var app = Application(
        router: router,
        server: settings.http.server,
        configuration: ApplicationConfiguration(address: .hostname(settings.http.host, port: settings.http.port)),
        services: [batcher, retention],
        onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? 0) },
        logger: logger)
    app.beforeServerStarts {
        let now = clock.now()
        for anchor in trustAnchors {
            _ = try await store.insert(anchor.publishedKey(role: .organization, parent: nil, owner: nil, now: now))
        }
    }
    return app
}

/// The API's router: telemetry and error middleware, then every route. `docs/openapi.yaml` documents each route;
/// `OpenAPIContractTests` compares the two through `Router.routes`.
func apiRouter(
    dependencies: APIDependencies, batcher: MessageBatcher, registry: PrometheusCollectorRegistry
) -> Router<BasicRequestContext> {
    let router = Router(context: BasicRequestContext.self)
    router.add(middleware: RequestTelemetryMiddleware(registry: registry))
    router.add(middleware: ErrorResponseMiddleware())
    router.add(middleware: StorageFullMiddleware())
    router.addHealthCheck(name: "api")
    StatusController(dependencies: dependencies).addRoutes(to: router)
    PublicKeysController(dependencies: dependencies).addRoutes(to: router)
    ProfileController(dependencies: dependencies).addRoutes(to: router)
    KeyUploadController(dependencies: dependencies).addRoutes(to: router)
    DeadDropController(dependencies: dependencies).addRoutes(to: router)
    JournalistMessageController(dependencies: dependencies).addRoutes(to: router)
    AppenderController(batcher: batcher, bodyLimit: dependencies.settings.appenderBodyLimit).addRoutes(to: router)
    return router
}
