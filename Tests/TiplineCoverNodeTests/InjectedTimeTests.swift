import Synchronization
import Testing
import TiplineCore
import TiplineTestSupport

@testable import TiplineCoverNode

/// The CoverNode's time comes from an injected clock: its back-off and its on-demand refresh are tested on a manual
/// clock, without sleeping.
@Suite("CoverNode time")
struct InjectedTimeTests {
    @Test func backoffSleepsDoublingDelaysOnTheInjectedClockAndResets() async {
        let clock = ManualClock(advancesOnSleep: true)
        var backoff = Backoff(minimum: .seconds(1), maximum: .seconds(4), sleeper: clock)
        for _ in 0..<4 { #expect(await backoff.wait()) }
        backoff.reset()
        #expect(await backoff.wait())
        #expect(clock.sleeps == [.seconds(1), .seconds(2), .seconds(4), .seconds(4), .seconds(1)])
        #expect(clock.now.offset == .seconds(12))
    }

    @Test func aPauseInACancelledTaskSaysStop() async {
        let clock = ManualClock()
        let paused = Task {
            withUnsafeCurrentTask { $0?.cancel() }
            return await Backoff.pause(.seconds(60), on: clock)
        }
        #expect(await paused.value == false)
        #expect(clock.sleeperCount == 0)
    }

    @Test func onDemandRefreshRunsAtMostOncePerIntervalOfTheInjectedClock() async {
        let clock = ManualClock()
        let refreshes = Mutex(0)
        let refresh = OnDemandRefresh(minimumInterval: .seconds(5), clock: clock) {
            refreshes.withLock { $0 += 1 }
        }
        #expect(await refresh())
        #expect(await refresh() == false)
        clock.advance(by: .seconds(4))
        #expect(await refresh() == false)
        clock.advance(by: .seconds(1))
        #expect(await refresh())
        #expect(refreshes.withLock { $0 } == 2)
    }

    @Test func aFailedRefreshAlsoWaitsForTheInterval() async {
        let clock = ManualClock()
        let attempts = Mutex(0)
        let refresh = OnDemandRefresh(minimumInterval: .seconds(5), clock: clock) {
            attempts.withLock { $0 += 1 }
            throw CoverNodeError(.notReady, "the API is down")
        }
        #expect(await refresh() == false)
        #expect(await refresh() == false)
        clock.advance(by: .seconds(5))
        #expect(await refresh() == false)
        #expect(attempts.withLock { $0 } == 2)
    }
}
