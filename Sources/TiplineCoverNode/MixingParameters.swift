/// The tuning of one direction's threshold-and-timeout mix (`PROTOCOL.md` §7.4).
///
/// A release happens when ``thresholdMax`` inputs (real and cover) arrived since the last release, or when at least
/// ``thresholdMin`` arrived and ``timeout`` passed since the last release. Every release publishes exactly
/// ``outputSize`` messages.
public struct MixingParameters: Hashable, Sendable, CustomStringConvertible {
    /// Inputs needed before the timeout may trigger a release (0 makes the timeout alone release).
    public var thresholdMin: Int
    /// Inputs that trigger a release at once.
    public var thresholdMax: Int
    /// Time after the last release from which ``thresholdMin`` inputs suffice.
    public var timeout: Duration
    /// Messages in every dead drop (real messages padded with fillers).
    public var outputSize: Int

    /// Creates parameters; see ``validate()``.
    public init(thresholdMin: Int, thresholdMax: Int, timeout: Duration, outputSize: Int) {
        self.thresholdMin = thresholdMin
        self.thresholdMax = thresholdMax
        self.timeout = timeout
        self.outputSize = outputSize
    }

    /// Throws unless `0 ≤ thresholdMin ≤ thresholdMax`, `thresholdMax ≥ 1`, `timeout > 0` and `outputSize ≥ 1`.
    public func validate() throws {
        guard thresholdMin >= 0, thresholdMax >= 1, thresholdMin <= thresholdMax else {
            throw CoverNodeError(.invalidSettings, "mixing thresholds need 0 <= min <= max and max >= 1 (\(self))")
        }
        guard timeout > .zero else {
            throw CoverNodeError(.invalidSettings, "the mixing timeout must be positive (\(self))")
        }
        guard outputSize >= 1 else {
            throw CoverNodeError(.invalidSettings, "a dead drop holds at least one message (\(self))")
        }
    }

    public var description: String {
        "min \(thresholdMin), max \(thresholdMax), timeout \(timeout.components.seconds) s, output \(outputSize)"
    }
}
