import Foundation

/// A source of wall-clock time. Injected everywhere so that tests and simulations control time.
public protocol WallClock: Sendable {
    /// The current instant.
    func now() -> Timestamp
}

/// The system's real-time clock.
public struct SystemWallClock: WallClock {
    /// Creates the system clock.
    public init() {}

    /// The current instant of the system clock, to the microsecond.
    public func now() -> Timestamp {
        let interval = Date().timeIntervalSince1970
        let seconds = interval.rounded(.down)
        return Timestamp(
            seconds: Int64(seconds), nanoseconds: UInt32(((interval - seconds) * 1_000_000).rounded()) * 1000)
    }
}

/// A clock that only moves when told to: for tests and virtual-time simulations.
package final class ManualWallClock: WallClock, @unchecked Sendable {
    // Invariant: `current` is only touched while holding `lock`.
    private let lock = NSLock()
    private var current: Timestamp

    /// Starts the clock at `start`.
    package init(start: Timestamp) { current = start }

    package func now() -> Timestamp { lock.withLock { current } }

    /// Moves the clock forward by `duration`.
    package func advance(by duration: Duration) { lock.withLock { current = current.adding(duration) } }

    /// Sets the clock to `instant`.
    package func set(_ instant: Timestamp) { lock.withLock { current = instant } }
}
