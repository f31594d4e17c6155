import CoreMetrics
import Metrics

/// Aggregate counters of one direction (never labelled with tags, keys or anything per message).
struct PipelineMetrics: Sendable {
    private let inputs: Counter
    private let real: Counter
    private let cover: Counter
    private let dropped: Counter
    private let unopened: Counter
    private let releases: Counter
    private let publishFailures: Counter
    private let queueDepth: Gauge

    init(direction: String) {
        let dimensions = [("direction", direction)]
        inputs = Counter(label: "tipline_covernode_inputs_total", dimensions: dimensions)
        real = Counter(label: "tipline_covernode_real_total", dimensions: dimensions)
        cover = Counter(label: "tipline_covernode_cover_total", dimensions: dimensions)
        dropped = Counter(label: "tipline_covernode_dropped_total", dimensions: dimensions)
        unopened = Counter(label: "tipline_covernode_undecryptable_total", dimensions: dimensions)
        releases = Counter(label: "tipline_covernode_releases_total", dimensions: dimensions)
        publishFailures = Counter(label: "tipline_covernode_publish_failures_total", dimensions: dimensions)
        queueDepth = Gauge(label: "tipline_covernode_queue_depth", dimensions: dimensions)
    }

    /// Counts one decrypted batch.
    func batch(inputs: Int, real: Int, cover: Int, dropped: Int, unopened: Int) {
        self.inputs.increment(by: inputs)
        self.real.increment(by: real)
        self.cover.increment(by: cover)
        self.dropped.increment(by: dropped)
        self.unopened.increment(by: unopened)
    }

    /// Counts a published release.
    func released() { releases.increment() }

    /// Counts a failed publish attempt.
    func publishFailed() { publishFailures.increment() }

    /// Records how many real messages wait in the mix.
    func queued(_ count: Int) { queueDepth.record(count) }
}
