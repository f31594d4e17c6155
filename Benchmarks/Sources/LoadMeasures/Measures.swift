/// Timing and summary helpers shared by the drivers.
package enum Measures {
    /// The median of `values` (the upper one of an even count); NaN for none.
    package static func median(_ values: [Double]) -> Double {
        values.isEmpty ? .nan : values.sorted()[values.count / 2]
    }

    /// The milliseconds `body` took on the continuous clock.
    package static func milliseconds(_ body: () async throws -> Void) async rethrows -> Double {
        let start = ContinuousClock.now
        try await body()
        return (ContinuousClock.now - start) / .milliseconds(1)
    }
}
