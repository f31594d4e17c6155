import LoadMeasures
import Testing

@Suite struct DrainObservationTests {
    @Test func theRateCountsFromTheFirstSampleWithProgress() {
        var drain = DrainObservation(total: 60_000)
        drain.record(consumed: 0, elapsed: .milliseconds(300))
        drain.record(consumed: 4_000, elapsed: .seconds(1))
        drain.record(consumed: 30_000, elapsed: .seconds(2))
        drain.finish(elapsed: .seconds(5))
        // 56,000 messages in the 4 s after the first progress; the start-up second is not draining.
        #expect(drain.rate == 14_000)
        #expect(drain.startUp == .seconds(1))
    }

    @Test func aRunShorterThanTheSamplingCountsWhole() {
        var drain = DrainObservation(total: 10_000)
        drain.record(consumed: 10_000, elapsed: .seconds(2))
        drain.finish(elapsed: .seconds(2))
        #expect(drain.rate == 5_000)
    }

    @Test func noRateBeforeTheEnd() {
        var drain = DrainObservation(total: 10_000)
        drain.record(consumed: 2_000, elapsed: .seconds(1))
        #expect(drain.rate == nil)
        #expect(DrainObservation(total: 1).startUp == nil)
    }

    @Test func theMedianIsTheMiddleValueAndNaNForNone() {
        #expect(Measures.median([5, 1, 3]) == 3)
        #expect(Measures.median([4, 1, 3, 2]) == 3)
        #expect(Measures.median([]).isNaN)
    }
}
