import CoreMetrics

/// Aggregate counters of one direction (never labelled with tags, keys or anything per message).
///
/// Every one of them moves with real traffic, so they are served on the CoverNode's private metrics listener only
/// (loopback), never on a public one.
struct PipelineMetrics: Sendable {
    private let inputs: Counter
    private let real: Counter
    private let cover: Counter
    private let dropped: Counter
    private let unopened: Counter
    private let releases: Counter
    private let publishFailures: Counter
    private let sealFailures: Counter
    private let overflow: Counter
    private let expired: Counter
    private let queueDepth: Gauge
    private let anonymitySet: Gauge
    private let anonymitySetTotal: Counter

    init(direction: String, factory: any MetricsFactory) {
        let dimensions = [("direction", direction)]
        func counter(_ label: String) -> Counter { Counter(label: label, dimensions: dimensions, factory: factory) }
        func gauge(_ label: String) -> Gauge { Gauge(label: label, dimensions: dimensions, factory: factory) }
        inputs = counter("tipline_covernode_inputs_total")
        real = counter("tipline_covernode_real_total")
        cover = counter("tipline_covernode_cover_total")
        dropped = counter("tipline_covernode_dropped_total")
        unopened = counter("tipline_covernode_undecryptable_total")
        releases = counter("tipline_covernode_releases_total")
        publishFailures = counter("tipline_covernode_publish_failures_total")
        sealFailures = counter("tipline_covernode_seal_failures_total")
        overflow = counter("tipline_covernode_buffer_overflow_total")
        expired = counter("tipline_covernode_buffer_expired_total")
        queueDepth = gauge("tipline_covernode_queue_depth")
        anonymitySet = gauge("tipline_covernode_release_anonymity_set")
        anonymitySetTotal = counter("tipline_covernode_release_inputs_total")
    }

    /// Counts one decrypted batch.
    func batch(inputs: Int, real: Int, cover: Int, dropped: Int, unopened: Int) {
        self.inputs.increment(by: inputs)
        self.real.increment(by: real)
        self.cover.increment(by: cover)
        self.dropped.increment(by: dropped)
        self.unopened.increment(by: unopened)
    }

    /// Counts a published release and records its anonymity set (inputs since the previous release).
    func released(anonymitySet inputs: Int) {
        releases.increment()
        anonymitySet.record(inputs)
        anonymitySetTotal.increment(by: inputs)
    }

    /// Counts a failed publish attempt.
    func publishFailed() { publishFailures.increment() }

    /// Counts real messages replaced by fillers because they could not be sealed to their recipient's key.
    func sealFailed(_ count: Int) { sealFailures.increment(by: count) }

    /// Counts real messages the bounded buffer dropped.
    func discarded(overflow: Int, expired: Int) {
        self.overflow.increment(by: overflow)
        self.expired.increment(by: expired)
    }

    /// Records how many real messages wait in the mix.
    func queued(_ count: Int) { queueDepth.record(count) }
}
