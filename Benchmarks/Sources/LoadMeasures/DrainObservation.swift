/// How fast a consumer process drained a pre-filled stream, from samples of its progress counter taken while it ran.
///
/// A process spends its first moments starting (loading keys, fetching the directory), which is not draining; so the
/// rate counts from the first sample that shows progress to the end, over the messages consumed in between. When the
/// first progress seen is already the end (a run shorter than the sampling), it falls back to the whole run.
package struct DrainObservation: Sendable, Equatable {
    /// One sample: messages consumed, and the time since the process was started.
    package struct Sample: Sendable, Equatable {
        package var consumed: Int
        package var elapsed: Duration
    }

    /// Messages in the stream when the process started.
    package let total: Int
    /// The first sample with progress.
    package private(set) var firstProgress: Sample?
    /// When the process reached the end of the stream, since it was started.
    package private(set) var finished: Duration?

    /// A drain of `total` messages.
    package init(total: Int) { self.total = total }

    /// Records a sample; only the first one with progress matters.
    package mutating func record(consumed: Int, elapsed: Duration) {
        guard firstProgress == nil, consumed > 0 else { return }
        firstProgress = Sample(consumed: consumed, elapsed: elapsed)
    }

    /// Records that every message was consumed (and the results published).
    package mutating func finish(elapsed: Duration) { finished = elapsed }

    /// Messages per second while draining, or `nil` before the end.
    package var rate: Double? {
        guard let finished, finished > .zero else { return nil }
        if let first = firstProgress, first.consumed < total, finished > first.elapsed {
            return Double(total - first.consumed) / ((finished - first.elapsed) / .seconds(1))
        }
        return Double(total) / (finished / .seconds(1))
    }

    /// The time from the process's start to its first progress (start-up), or `nil` when none was seen.
    package var startUp: Duration? { firstProgress?.elapsed }
}
