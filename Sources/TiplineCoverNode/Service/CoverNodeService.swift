package import CoreMetrics
package import Logging
import ServiceLifecycle
import TiplineAPIClient
package import TiplineCore
package import TiplineStorage

/// The CoverNode as a ServiceLifecycle service: bootstraps its keys, then runs both pipelines, the messaging-key
/// rotation and the journalist-key refresh until a graceful shutdown. It never accepts connections: it reads the
/// two streams from storage and talks to the API as a client.
package struct CoverNodeService: Service {
    private let settings: CoverNodeSettings
    private let store: any MessageStreamStore
    private let api: any CoverNodeAPI
    private let clock: any WallClock
    private let sleeper: any Clock<Duration>
    private let metrics: any MetricsFactory
    private let logger: Logger

    /// Creates the service.
    /// - Parameters:
    ///   - clock: the wall clock of timestamps, key expiry and mixing timeouts.
    ///   - sleeper: the clock every loop sleeps on (polls, back-off, periodic tasks); tests inject a manual one.
    ///   - metrics: where the counters go: the private metrics listener's registry (real traffic moves them, so
    ///     never a public listener's); none by default.
    package init(
        settings: CoverNodeSettings, store: any MessageStreamStore, api: any CoverNodeAPI,
        clock: any WallClock = SystemWallClock(), sleeper: any Clock<Duration> = ContinuousClock(),
        metrics: any MetricsFactory = NOOPMetricsHandler.instance, logger: Logger
    ) {
        self.settings = settings
        self.store = store
        self.api = api
        self.clock = clock
        self.sleeper = sleeper
        self.metrics = metrics
        self.logger = logger
    }

    package func run() async throws {
        try settings.validate()
        let keyStore = try CoverNodeKeyStore(directory: settings.stateDirectory, protection: settings.keyProtection)
        let bootstrap = CoverNodeBootstrap(store: keyStore, api: api, clock: clock)
        guard
            let keys = try await retrying(
                "load the keys", { try await bootstrap.loadKeys(setupBundlePath: settings.setupBundlePath) })
        else { return }
        let keyring = CoverNodeKeyring(keys: keys, store: keyStore)
        let rotation = MessagingKeyRotation(keyring: keyring, api: api, clock: clock)
        let directory = JournalistDirectory()
        // Dead drops need a messaging key the API publishes, and real messages need the journalists' keys.
        guard try await retrying("publish a messaging key", { try await rotation.run() != nil }) != nil,
            try await retrying("fetch the journalists' keys", { try await refresh(directory, keyring: keyring) }) != nil
        else { return }
        let pipelines = try CoverNodePipeline.Direction.allCases.map { direction in
            try CoverNodePipeline(
                direction,
                parameters: direction == .userToJournalist
                    ? settings.mixing.userToJournalist : settings.mixing.journalistToUser,
                store: store, api: api, keyring: keyring, directory: directory,
                refreshDirectory: { try await refresh(directory, keyring: keyring) },
                stateDirectory: settings.stateDirectory, settings: settings.pipeline, clock: clock, sleeper: sleeper,
                metrics: metrics, faults: settings.faults, logger: logger)
        }
        let retention = StreamRetention(
            store: store, retention: settings.streamRetention, clock: clock, metrics: metrics, logger: logger)
        logger.info(
            "CoverNode running",
            metadata: ["covernode": "\(keys.coverNodeId)", "journalists": "\(directory.count)"])
        try await withThrowingDiscardingTaskGroup { group in
            for pipeline in pipelines { group.addTask { try await pipeline.run() } }
            group.addTask {
                await repeating(every: settings.keyTaskInterval, "rotate messaging keys") {
                    _ = try await rotation.run()
                }
            }
            group.addTask {
                await repeating(every: settings.directoryRefreshInterval, "refresh the journalists' keys") {
                    try await refresh(directory, keyring: keyring)
                }
            }
            group.addTask {
                await repeating(every: settings.streamPruneInterval, "prune the streams") {
                    try await retention.prune()
                }
            }
        }
        logger.info("CoverNode stopped")
    }

    /// Rebuilds the tag table from the verified hierarchy.
    private func refresh(_ directory: JournalistDirectory, keyring: CoverNodeKeyring) async throws {
        let response = try await api.publicKeys()
        let verified = VerifiedKeys(response, trustAnchors: await keyring.current.trustAnchors, now: clock.now())
        guard !verified.isEmpty else {
            throw CoverNodeError(.bootstrap, "the API's key hierarchy does not verify against the trust anchors")
        }
        directory.update(from: verified)
    }

    /// Runs `body` until it succeeds, retrying (with backoff) errors that may go away: an unreachable API, a 5xx,
    /// a database hiccup. Returns `nil` when the service stops first; rethrows definitive errors.
    private func retrying<T: Sendable>(_ what: String, _ body: () async throws -> T) async throws -> T? {
        var backoff = Backoff(
            minimum: settings.pipeline.minimumBackoff, maximum: settings.pipeline.maximumBackoff, sleeper: sleeper)
        while true {
            do {
                return try await body()
            } catch let error where (error as? APIClientError)?.isRetryable ?? !(error is CoverNodeError) {
                logger.warning("cannot \(what) yet; retrying", metadata: ["error": "\(error)"])
                guard await backoff.wait() else { return nil }
            }
        }
    }

    /// Runs `body` every `interval` until shutdown; failures are logged and tried again next time.
    private func repeating(every interval: Duration, _ what: String, _ body: () async throws -> Void) async {
        while await Backoff.pause(interval, on: sleeper) {
            do {
                try await body()
            } catch {
                logger.warning("cannot \(what)", metadata: ["error": "\(error)"])
            }
        }
    }
}
