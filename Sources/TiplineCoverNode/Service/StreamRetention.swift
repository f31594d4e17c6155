import CoreMetrics
import Logging
import TiplineCore
import TiplineStorage

/// Deletes stream messages older than the retention: no unexpired messaging key opens them any more, so neither
/// their delivery nor the replay protection (the stream's uniqueness) needs them.
///
/// Messages after a pipeline's checkpoint are never deleted. When some of them are older than the retention (the
/// CoverNode was stopped for longer than that), they are kept for the pipeline to read, and each round that keeps
/// them logs a warning and counts `tipline_covernode_retention_held_back_total`.
struct StreamRetention: Sendable {
    let store: any MessageStreamStore
    let retention: Duration
    let clock: any WallClock
    let logger: Logger
    private let heldBack: Counter

    init(
        store: any MessageStreamStore, retention: Duration, clock: any WallClock, metrics: any MetricsFactory,
        logger: Logger
    ) {
        self.store = store
        self.retention = retention
        self.clock = clock
        self.logger = logger
        heldBack = Counter(label: "tipline_covernode_retention_held_back_total", factory: metrics)
    }

    /// One round over both streams; returns the directions whose unread messages older than the retention were
    /// kept.
    @discardableResult
    func prune() async throws -> [CoverNodePipeline.Direction] {
        let cutoff = clock.now().adding(.zero - retention).microseconds
        var kept: [CoverNodePipeline.Direction] = []
        for direction in CoverNodePipeline.Direction.allCases {
            let checkpoint = try await store.checkpoint(consumer: direction.consumer)
            try await store.prune(
                direction.stream, receivedBeforeMicros: cutoff, before: checkpoint < .max ? checkpoint + 1 : checkpoint)
            guard let unread = try await store.read(direction.stream, after: checkpoint, limit: 1).first,
                unread.receivedAtMicros < cutoff
            else { continue }
            kept.append(direction)
            heldBack.increment()
            logger.warning(
                "stream messages older than the retention are kept: the CoverNode has not read them yet",
                metadata: ["direction": "\(direction.rawValue)"])
        }
        return kept
    }
}
