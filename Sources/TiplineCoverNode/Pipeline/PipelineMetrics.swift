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
        inputs = Counter(label: "tipline_covernode_inputs_total", dimensions: dimensions, factory: factory)
        real = Counter(label: "tipline_covernode_real_total", dimensions: dimensions, factory: factory)
        cover = Counter(label: "tipline_covernode_cover_total", dimensions: dimensions, factory: factory)
        dropped = Counter(label: "tipline_covernode_dropped_total", dimensions: dimensions, factory: factory)
        unopened = Counter(label: "tipline_covernode_undecryptable_total", dimensions: dimensions, factory: factory)
        releases = Counter(label: "tipline_covernode_releases_total", dimensions: dimensions, factory: factory)
        publishFailures = Counter(
            label: "tipline_covernode_publish_failures_total", dimensions: dimensions, factory: factory)
        sealFailures = Counter(label: "tipline_covernode_seal_failures_total", dimensions: dimensions, factory: factory)
        overflow = Counter(label: "tipline_covernode_buffer_overflow_total", dimensions: dimensions, factory: factory)
        expired = Counter(label: "tipline_covernode_buffer_expired_total", dimensions: dimensions, factory: factory)
        queueDepth = Gauge(label: "tipline_covernode_queue_depth", dimensions: dimensions, factory: factory)
        anonymitySet = Gauge(label: "tipline_covernode_release_anonymity_set", dimensions: dimensions, factory: factory)
        anonymitySetTotal = Counter(
            label: "tipline_covernode_release_inputs_total", dimensions: dimensions, factory: factory)
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
