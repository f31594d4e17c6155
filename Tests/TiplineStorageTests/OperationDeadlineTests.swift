import Synchronization
import Testing
import TiplineCore
import TiplineTestSupport

@testable import TiplineStorage

/// The bound on a PostgreSQL operation's wait (the soak's wedged appender): an operation that never answers, not even
/// to cancellation, still lets its caller go on with an error.
@Suite("Operation deadline")
struct OperationDeadlineTests {
    /// Never returns and ignores cancellation: the shape of a continuation lost inside a database client.
    static func lost() async -> Int {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            LostContinuations.shared.keep(continuation)
        }
        return 0
    }

    @Test("an operation that never answers fails its caller at the deadline")
    func lostOperation() async throws {
        let deadline = OperationDeadline(timeout: .milliseconds(200))
        let error = await #expect(throws: StorageError.self) {
            try await deadline.run("append to u2c stream") { await Self.lost() }
        }
        #expect(error?.code == .database)
        #expect(error?.message == "append to u2c stream failed: no answer within 0.2 seconds")
    }

    @Test("a caller goes on after a lost operation: the next one answers")
    func nextOperationAfterALostOne() async throws {
        let deadline = OperationDeadline(timeout: .milliseconds(200))
        _ = try? await deadline.run("first") { await Self.lost() }
        #expect(try await deadline.run("second") { 42 } == 42)
    }

    @Test("an answer before the deadline is returned, and an error passes through unchanged")
    func answers() async throws {
        let deadline = OperationDeadline(timeout: .seconds(30))
        #expect(try await deadline.run("query") { "rows" } == "rows")
        let error = await #expect(throws: StorageError.self) {
            try await deadline.run("query") { () async throws -> Int in
                try await Task.sleep(for: .milliseconds(1))
                throw StorageError(.corruptData, "a stored value has an unexpected type")
            }
        }
        #expect(error?.code == .corruptData)
    }

    @Test("cancelling the caller cancels the operation and throws CancellationError")
    func cancellation() async throws {
        let deadline = OperationDeadline(timeout: .seconds(30))
        let operationSawCancellation = Mutex(false)
        let caller = Task {
            try await deadline.run("query") {
                do {
                    try await Task.sleep(for: .seconds(60))
                } catch {
                    operationSawCancellation.withLock { $0 = true }
                    throw error
                }
                return 1
            }
        }
        try await Task.sleep(for: .milliseconds(100))
        caller.cancel()
        await #expect(throws: CancellationError.self) { try await caller.value }
        try await eventually("the operation to see the cancellation", timeout: .seconds(10)) {
            operationSawCancellation.withLock { $0 }
        }
    }
}

/// Keeps the lost operations' continuations alive (and never resumes them), as a wedged client would.
private final class LostContinuations: Sendable {
    static let shared = LostContinuations()
    private let kept = Mutex<[CheckedContinuation<Void, Never>]>([])

    func keep(_ continuation: CheckedContinuation<Void, Never>) { kept.withLock { $0.append(continuation) } }
}
