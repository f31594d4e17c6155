import ServiceLifecycle
import TiplineSupport

/// The CoverNode's pauses: retry delays from TiplineSupport's ``RetryBackoff`` (CoverDrop: 1 s … 60 s), slept on
/// the injected clock, ending early on graceful shutdown.
struct Backoff: Sendable {
    private var delays: RetryBackoff
    private let sleeper: any Clock<Duration>

    init(minimum: Duration, maximum: Duration, sleeper: any Clock<Duration>) {
        self.delays = RetryBackoff(initial: minimum, maximum: maximum)
        self.sleeper = sleeper
    }

    /// Waits for the next delay (doubling it for the time after); returns `false` when the service is stopping.
    mutating func wait() async -> Bool { await Self.pause(delays.failed(), on: sleeper) }

    /// Starts again from the minimum after a success.
    mutating func reset() { delays.succeeded() }

    /// Sleeps on `sleeper` for `duration` unless the task is cancelled or shutting down gracefully; returns whether
    /// to go on.
    static func pause(_ duration: Duration, on sleeper: any Clock<Duration>) async -> Bool {
        try? await cancelWhenGracefulShutdown { try await sleeper.sleep(for: duration) }
        return !isStopping
    }

    /// Whether the current task should stop: cancelled or shutting down gracefully.
    static var isStopping: Bool { Task.isCancelled || Task.isShuttingDownGracefully }
}
