import ServiceLifecycle

/// Exponential retry delays from a minimum to a maximum (CoverDrop: 1 s … 60 s), and pauses that end early on
/// graceful shutdown.
struct Backoff: Sendable {
    private let minimum: Duration
    private let maximum: Duration
    private var next: Duration

    init(minimum: Duration, maximum: Duration) {
        self.minimum = minimum
        self.maximum = maximum
        self.next = minimum
    }

    /// Waits for the next delay (doubling it for the time after); returns `false` when the service is stopping.
    mutating func wait() async -> Bool {
        let delay = next
        next = min(next * 2, maximum)
        return await Self.pause(delay)
    }

    /// Starts again from the minimum after a success.
    mutating func reset() { next = minimum }

    /// Sleeps for `duration` unless the task is cancelled or shutting down gracefully; returns whether to go on.
    static func pause(_ duration: Duration) async -> Bool {
        try? await cancelWhenGracefulShutdown { try await Task.sleep(for: duration) }
        return !isStopping
    }

    /// Whether the current task should stop: cancelled or shutting down gracefully.
    static var isStopping: Bool { Task.isCancelled || Task.isShuttingDownGracefully }
}
