import Synchronization
import TiplineCore

/// Bounds how long a caller waits for a database operation, even one that never returns.
///
/// The soak (`make soak`) found an API whose appender waited forever on an operation that was in flight when
/// PostgreSQL crashed and restarted: every later `POST /user/messages` queued behind it, while other routes, on fresh
/// connections, worked. A task group cannot bound that wait, because it waits for its children and a lost
/// continuation ignores cancellation. So the operation runs in its own task and the caller waits for whichever comes
/// first, the operation or the deadline; at the deadline the operation is cancelled and left to finish (or not) on
/// its own, and the caller gets an error and goes on.
///
/// An operation that commits after its deadline still committed: callers treat a deadline like any failed commit
/// whose outcome is unknown (the appender answers an error and the app re-sends the same bytes, which are stored
/// once).
struct OperationDeadline: Sendable {
    /// How long a caller waits.
    let timeout: Duration

    /// Runs `operation`, returning its result, or throwing ``StorageError`` `.database` after ``timeout``.
    /// Cancelling the caller cancels the operation and throws `CancellationError`.
    func run<T: Sendable>(_ operation: String, _ body: @escaping @Sendable () async throws -> T) async throws -> T {
        let race = Race<T>()
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                race.start(continuation)
                let work = Task {
                    let outcome: Result<T, any Error>
                    do { outcome = .success(try await body()) } catch { outcome = .failure(error) }
                    race.finish(with: outcome)
                }
                let timer = Task {
                    guard (try? await Task.sleep(for: timeout)) != nil else { return }
                    race.finish(
                        with: .failure(StorageError(.database, "\(operation) failed: no answer within \(timeout)")))
                }
                race.attach(work: work, timer: timer)
            }
        } onCancel: {
            race.finish(with: .failure(CancellationError()))
        }
    }

    /// The state the operation, the timer and cancellation race on: the first to finish resumes the caller and
    /// cancels the others.
    private final class Race<T: Sendable>: Sendable {
        private struct State {
            var finished = false
            var continuation: CheckedContinuation<T, any Error>?
            /// An outcome that came before the caller's continuation (cancellation before the start).
            var outcome: Result<T, any Error>?
            var tasks: [Task<Void, Never>] = []
        }
        private let state = Mutex(State())

        func start(_ continuation: CheckedContinuation<T, any Error>) {
            let outcome = state.withLock { state in
                if state.outcome == nil { state.continuation = continuation }
                return state.outcome
            }
            if let outcome { continuation.resume(with: outcome) }
        }

        func attach(work: Task<Void, Never>, timer: Task<Void, Never>) {
            let finished = state.withLock { state in
                state.tasks = [work, timer]
                return state.finished
            }
            if finished { [work, timer].forEach { $0.cancel() } }
        }

        func finish(with outcome: Result<T, any Error>) {
            let won = state.withLock { state -> (CheckedContinuation<T, any Error>?, [Task<Void, Never>])? in
                guard !state.finished else { return nil }
                state.finished = true
                defer { state.continuation = nil }
                if state.continuation == nil { state.outcome = outcome }
                return (state.continuation, state.tasks)
            }
            guard let (continuation, tasks) = won else { return }
            continuation?.resume(with: outcome)
            tasks.forEach { $0.cancel() }
        }
    }
}
