import TiplineCore

/// The tuning of one direction's threshold-and-timeout mix (`PROTOCOL.md` §7.4) and the bounds of its buffer.
///
/// A release happens when ``thresholdMax`` inputs (real and cover) arrived since the last release, or when at least
/// ``thresholdMin`` arrived and ``timeout`` passed since the last release. Every release publishes exactly
/// ``outputSize`` messages.
///
/// Real messages wait in a bounded buffer (see ``MixingStrategy``): at most ``bufferCapacity`` in all, at most
/// ``perRecipientCapacity`` for one recipient, none longer than ``maximumAge`` after the API received it. A real
/// message that finds its share full evicts the oldest waiting one; one that waited too long is dropped.
package struct MixingParameters: Hashable, Sendable, CustomStringConvertible {
    /// Inputs needed before the timeout may trigger a release (0 makes the timeout alone release).
    package var thresholdMin: Int
    /// Inputs that trigger a release at once.
    package var thresholdMax: Int
    /// Time after the last release from which ``thresholdMin`` inputs suffice.
    package var timeout: Duration
    /// Messages in every dead drop (real messages padded with fillers).
    package var outputSize: Int
    /// Real messages that may wait in all.
    package var bufferCapacity: Int
    /// Real messages that may wait for one recipient (journalist); replies, whose recipient the CoverNode cannot
    /// see, are bounded by ``bufferCapacity`` only.
    package var perRecipientCapacity: Int
    /// How long after its receipt by the API a real message may wait; it must be shorter than the stream retention.
    package var maximumAge: Duration

    /// The default ``maximumAge``: 7 days, half the 15-day stream retention.
    package static let defaultMaximumAge: Duration = .seconds(7 * 86_400)

    /// Creates parameters; see ``validate()``. The buffer bounds default to 100 dead drops in all, half a dead drop
    /// per recipient (so that one flooded recipient never fills a release) and ``defaultMaximumAge``.
    package init(
        thresholdMin: Int, thresholdMax: Int, timeout: Duration, outputSize: Int, bufferCapacity: Int? = nil,
        perRecipientCapacity: Int? = nil, maximumAge: Duration = defaultMaximumAge
    ) {
        self.thresholdMin = thresholdMin
        self.thresholdMax = thresholdMax
        self.timeout = timeout
        self.outputSize = outputSize
        self.bufferCapacity = bufferCapacity ?? min(outputSize, Int.max / 100) * 100
        self.perRecipientCapacity = perRecipientCapacity ?? max(1, outputSize / 2)
        self.maximumAge = maximumAge
    }

    /// Throws unless `0 ≤ thresholdMin ≤ thresholdMax`, `thresholdMax ≥ 1`, `timeout > 0`, `outputSize ≥ 1`, both
    /// buffer capacities are at least 1 and `maximumAge` exceeds `timeout`.
    package func validate() throws {
        guard thresholdMin >= 0, thresholdMax >= 1, thresholdMin <= thresholdMax else {
            throw CoverNodeError(.invalidSettings, "mixing thresholds need 0 <= min <= max and max >= 1 (\(self))")
        }
        guard timeout > .zero else {
            throw CoverNodeError(.invalidSettings, "the mixing timeout must be positive (\(self))")
        }
        guard outputSize >= 1 else {
            throw CoverNodeError(.invalidSettings, "a dead drop holds at least one message (\(self))")
        }
        guard bufferCapacity >= 1, perRecipientCapacity >= 1 else {
            throw CoverNodeError(.invalidSettings, "the mixing buffer needs room for at least one message (\(self))")
        }
        guard maximumAge > timeout else {
            throw CoverNodeError(.invalidSettings, "the maximum age must exceed the mixing timeout (\(self))")
        }
    }

    package var description: String {
        "min \(thresholdMin), max \(thresholdMax), timeout \(timeout.components.seconds) s, output \(outputSize), "
            + "buffer \(bufferCapacity), per recipient \(perRecipientCapacity), "
            + "max age \(maximumAge.components.seconds) s"
    }
}
