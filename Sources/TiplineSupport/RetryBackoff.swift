/// Exponential retry delays: `initial`, `2·initial`, … capped at `maximum`, back to `initial` after a success
/// (CoverDrop: 1 s … 60 s). The delays only: the caller sleeps on its own clock.
package struct RetryBackoff: Sendable, Hashable {
    /// The first delay, and the delay after a success.
    package let initial: Duration
    /// The longest delay.
    package let maximum: Duration
    /// Failures since the last success.
    package private(set) var failures = 0

    /// Creates a back-off from `initial` up to `maximum`.
    package init(initial: Duration, maximum: Duration) {
        self.initial = initial
        self.maximum = maximum
    }

    /// Records a failure and returns how long to wait before the next attempt.
    package mutating func failed() -> Duration {
        failures += 1
        var delay = initial
        for _ in 1..<failures where delay < maximum { delay *= 2 }
        return min(delay, maximum)
    }

    /// Records a success: the next failure waits `initial` again.
    package mutating func succeeded() { failures = 0 }
}
