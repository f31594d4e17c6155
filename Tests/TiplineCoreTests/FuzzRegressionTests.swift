import Testing
import TiplineCore

/// Inputs the libFuzzer targets in `Fuzz/` found (`scripts/fuzz.sh`), kept as regression tests.
@Suite struct FuzzRegressionTests {
    /// FuzzTimestamp, `9999-12-31T23:59:59.999999999-23:59`: the offset carried the instant into year 10000, whose
    /// rendering (`10000-01-01T…`) no parser accepts. Every accepted instant must render to text that parses back.
    @Test(arguments: [
        "9999-12-31T23:59:59.999999999-23:59", "9999-12-31T23:00:00-01:00", "0000-01-01T00:00:00+00:01",
        "0000-01-01T00:30:00+01:00",
    ])
    func timestampsOutsideYears0To9999AreRejected(text: String) {
        #expect(throws: TiplineCoreError.self) { try Timestamp(rfc3339: text) }
    }

    @Test(arguments: ["9999-12-31T23:59:59.999999999Z", "0000-01-01T00:00:00Z", "9999-12-31T23:59:59+00:00"])
    func timestampsAtTheEdgesRoundTrip(text: String) throws {
        let time = try Timestamp(rfc3339: text)
        #expect(try Timestamp(rfc3339: time.rfc3339) == time)
        #expect(try Timestamp(rfc3339: time.rfc3339PlusZeroOffset) == time)
    }
}
