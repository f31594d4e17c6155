import Foundation

/// A `Clock` that only moves when the test advances it; sleepers wake when their deadline is reached. With
/// `advancesOnSleep`, a sleep moves the clock to its deadline and returns at once (and is logged in ``sleeps``), so a
/// test of retry delays runs without waiting.
package final class ManualClock: Clock, @unchecked Sendable {
    /// A point on the manual time line.
    package struct Instant: InstantProtocol {
        /// Time since the clock was made.
        package var offset: Duration
        package func advanced(by duration: Duration) -> Instant { Instant(offset: offset + duration) }
        package func duration(to other: Instant) -> Duration { other.offset - offset }
        package static func < (lhs: Instant, rhs: Instant) -> Bool { lhs.offset < rhs.offset }
    }

    private struct Sleeper {
        let id: UUID
        let deadline: Instant
        let continuation: CheckedContinuation<Void, any Error>
    }

    // Invariant: `current` and `sleepers` are only touched while holding `lock`.
    private let lock = NSLock()
    private var current = Instant(offset: .zero)
    private var sleepers: [Sleeper] = []
    private var requested: [Duration] = []
    private let advancesOnSleep: Bool

    /// A clock at offset zero; with `advancesOnSleep`, sleeping moves it instead of waiting for ``advance(by:)``.
    package init(advancesOnSleep: Bool = false) { self.advancesOnSleep = advancesOnSleep }

    package var now: Instant { lock.withLock { current } }
    package var minimumResolution: Duration { .zero }

    /// How many tasks are sleeping on this clock.
    package var sleeperCount: Int { lock.withLock { sleepers.count } }

    /// How long each sleep asked for, in order.
    package var sleeps: [Duration] { lock.withLock { requested } }

    package func sleep(until deadline: Instant, tolerance: Duration?) async throws {
        try Task.checkCancellation()
        let advanced = lock.withLock { () -> Bool in
            requested.append(current.duration(to: deadline))
            guard advancesOnSleep else { return false }
            current = max(current, deadline)
            return true
        }
        if advanced { return }
        let id = UUID()
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                lock.withLock {
                    if Task.isCancelled {
                        continuation.resume(throwing: CancellationError())
                    } else if deadline <= current {
                        continuation.resume()
                    } else {
                        sleepers.append(Sleeper(id: id, deadline: deadline, continuation: continuation))
                    }
                }
            }
        } onCancel: {
            let cancelled = lock.withLock { () -> Sleeper? in
                guard let index = sleepers.firstIndex(where: { $0.id == id }) else { return nil }
                return sleepers.remove(at: index)
            }
            cancelled?.continuation.resume(throwing: CancellationError())
        }
    }

    /// Moves time forward and wakes every sleeper whose deadline has passed.
    package func advance(by duration: Duration) {
        let due = lock.withLock { () -> [Sleeper] in
            current = current.advanced(by: duration)
            let due = sleepers.filter { $0.deadline <= current }
            sleepers.removeAll { $0.deadline <= current }
            return due
        }
        for sleeper in due { sleeper.continuation.resume() }
    }
}
