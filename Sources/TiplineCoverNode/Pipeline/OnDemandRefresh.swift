import Synchronization

/// A refresh that a pipeline may ask for when it meets something its tables do not know yet (a journalist who
/// registered after the last periodic refresh), at most once per `minimumInterval` so that messages to made-up
/// recipients cannot turn into a flood of `GET /v1/public-keys`.
final class OnDemandRefresh: Sendable {
    private let minimumInterval: Duration
    private let refresh: @Sendable () async throws -> Void
    /// Time on the injected clock since the refresh was made.
    private let elapsed: @Sendable () -> Duration
    private let lastAttempt = Mutex<Duration?>(nil)

    /// Refreshes with `refresh`, at most once per `minimumInterval` as measured on `clock`.
    init(
        minimumInterval: Duration, clock: some Clock<Duration>, refresh: @escaping @Sendable () async throws -> Void
    ) {
        self.minimumInterval = minimumInterval
        self.refresh = refresh
        let origin = clock.now
        elapsed = { origin.duration(to: clock.now) }
    }

    /// Refreshes unless one was attempted less than `minimumInterval` ago. Returns whether a refresh succeeded.
    func callAsFunction() async -> Bool {
        let now = elapsed()
        let due = lastAttempt.withLock { last in
            guard last.map({ now - $0 >= minimumInterval }) ?? true else { return false }
            last = now
            return true
        }
        guard due else { return false }
        do {
            try await refresh()
            return true
        } catch {
            return false
        }
    }
}
