/// Exponential back-off for retrying the API: `initial`, `2·initial`, ... capped at `maximum`.
struct RetryBackoff: Sendable {
    let initial: Duration
    let maximum: Duration
    private(set) var failures = 0

    init(initial: Duration, maximum: Duration) {
        self.initial = initial
        self.maximum = maximum
    }

    /// Records a failure and returns how long to wait before the next attempt.
    mutating func failed() -> Duration {
        failures += 1
        var delay = initial
        for _ in 1..<failures where delay < maximum { delay *= 2 }
        return min(delay, maximum)
    }

    /// Records a success.
    mutating func succeeded() { failures = 0 }
}
