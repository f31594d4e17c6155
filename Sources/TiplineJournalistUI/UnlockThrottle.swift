import TiplineCore

/// Slows down passphrase guessing: a few wrong passphrases are free, then every further one doubles the wait
/// before the next attempt (1 s, 2 s, 4 s, … up to a maximum). A success resets it. Kept in memory only.
struct UnlockThrottle: Sendable {
    let freeAttempts: Int
    let maxDelay: Duration
    private(set) var failures = 0
    private var notBefore: Timestamp?

    init(freeAttempts: Int, maxDelay: Duration) {
        self.freeAttempts = max(0, freeAttempts)
        self.maxDelay = maxDelay
    }

    /// How long to wait before the next attempt is allowed; `nil` when it is allowed now.
    func wait(at now: Timestamp) -> Duration? {
        guard let notBefore, now < notBefore else { return nil }
        return notBefore.duration(since: now)
    }

    /// Records a wrong passphrase.
    mutating func failed(at now: Timestamp) {
        failures += 1
        let excess = failures - freeAttempts
        guard excess > 0 else { return }
        let delay = Duration.seconds(1 << min(excess - 1, 30))
        notBefore = now.adding(min(delay, maxDelay))
    }

    /// Records a right passphrase.
    mutating func succeeded() {
        failures = 0
        notBefore = nil
    }
}
