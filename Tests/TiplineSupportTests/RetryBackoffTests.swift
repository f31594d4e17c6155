import Testing
import TiplineSupport

/// The one retry policy of the CoverNode's loops and the journalist's service.
@Suite("RetryBackoff")
struct RetryBackoffTests {
    @Test func backoffDoublesUpToTheCapAndResets() {
        var backoff = RetryBackoff(initial: .seconds(1), maximum: .seconds(10))
        #expect(
            (0..<6).map { _ in backoff.failed() } == [
                .seconds(1), .seconds(2), .seconds(4), .seconds(8), .seconds(10), .seconds(10),
            ])
        #expect(backoff.failures == 6)
        backoff.succeeded()
        #expect(backoff.failed() == .seconds(1))
    }

    @Test func aMaximumBelowTheInitialDelayCapsTheFirstDelay() {
        var backoff = RetryBackoff(initial: .seconds(5), maximum: .seconds(2))
        #expect(backoff.failed() == .seconds(2))
        #expect(backoff.failed() == .seconds(2))
    }
}
