package import CoreMetrics
package import Logging
package import TiplineCore
package import TiplineStorage

/// One direction of the CoverNode, ready to run: reads its stream from a ``MessageStreamStore``, mixes, and
/// publishes dead drops through a ``CoverNodeAPI`` exactly once (see the `docs/covernode.md` crash-safety notes).
package struct CoverNodePipeline: Sendable {
    /// The two directions.
    package enum Direction: String, Sendable, CaseIterable {
        /// Reader messages (U2C stream) → journalist dead drops.
        case userToJournalist = "u2j"
        /// Journalist replies (J2C stream) → user dead drops.
        case journalistToUser = "j2u"

        /// The stream it consumes.
        package var stream: MessageStream { self == .userToJournalist ? .userToCoverNode : .journalistToCoverNode }
        /// The stream consumer its checkpoint is saved under.
        package var consumer: String { "covernode-\(rawValue)" }
    }

    private let body: @Sendable (_ untilIdle: Bool) async throws -> Void

    /// Assembles a pipeline. Its intent record lives in `stateDirectory`; its checkpoint is the stream consumer
    /// `covernode-u2j` or `covernode-j2u` of `store`.
    /// - Parameters:
    ///   - refreshDirectory: fetches the journalists' keys into `directory` now; the readers → journalists pipeline
    ///     calls it (at most once per `refreshInterval`) before dropping a message to an unknown recipient.
    ///   - clock: the wall clock of timestamps and mixing timeouts.
    ///   - sleeper: the clock the loop sleeps on (polls, back-off) and measures `refreshInterval` with.
    ///   - metrics: where the direction's counters go (the private metrics listener's registry).
    package init(
        _ direction: Direction, parameters: MixingParameters, store: any MessageStreamStore, api: any CoverNodeAPI,
        keyring: CoverNodeKeyring, directory: JournalistDirectory,
        refreshDirectory: (@Sendable () async throws -> Void)? = nil, refreshInterval: Duration = .seconds(5),
        stateDirectory: String, settings: PipelineSettings, clock: any WallClock,
        sleeper: any Clock<Duration> = ContinuousClock(), metrics: any MetricsFactory = NOOPMetricsHandler.instance,
        faults: FaultInjection = .none, logger: Logger
    ) throws {
        try parameters.validate()
        try settings.validate()
        switch direction {
        case .userToJournalist:
            let pipeline = MixPipeline(
                direction: UserToJournalistDirection(
                    directory: directory,
                    refreshDirectory: refreshDirectory.map {
                        OnDemandRefresh(minimumInterval: refreshInterval, clock: sleeper, refresh: $0)
                    }),
                parameters: parameters, store: store,
                api: api, keyring: keyring,
                journal: ReleaseJournal(path: stateDirectory + "/u2j-intent.json", kind: .journalist),
                settings: settings, clock: clock, sleeper: sleeper, faults: faults,
                metrics: PipelineMetrics(direction: "u2j", factory: metrics),
                logger: logger)
            body = { try await pipeline.run(untilIdle: $0) }
        case .journalistToUser:
            let pipeline = MixPipeline(
                direction: JournalistToUserDirection(), parameters: parameters, store: store, api: api,
                keyring: keyring, journal: ReleaseJournal(path: stateDirectory + "/j2u-intent.json", kind: .user),
                settings: settings, clock: clock, sleeper: sleeper, faults: faults,
                metrics: PipelineMetrics(direction: "j2u", factory: metrics),
                logger: logger)
            body = { try await pipeline.run(untilIdle: $0) }
        }
    }

    /// Runs until the task is cancelled or the service shuts down gracefully; errors restart it from its
    /// checkpoint after a backoff.
    package func run() async throws { try await body(false) }

    /// Processes everything in the stream now, evaluates the timer once, and returns; errors are thrown. For
    /// benchmarks and tests.
    package func runUntilIdle() async throws { try await body(true) }
}
