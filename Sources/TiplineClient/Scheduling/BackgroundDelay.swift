import Foundation
import TiplineCore

/// The delay before the next background sending run (`spec/CLIENT.md` §4.3), identical for every installation:
/// an exponential sample with a 10-minute mean, clamped to 5…120 minutes, plus an extra delay.
package enum BackgroundDelay {
    /// Mean of the exponential distribution.
    package static let mean: Double = 600
    /// Shortest delay before the extra.
    package static let minimum: Duration = .seconds(300)
    /// Longest delay before the extra.
    package static let maximum: Duration = .seconds(7200)
    /// Extra delay requested when the app comes to the foreground.
    package static let foregroundExtra: Duration = .seconds(600)

    /// A delay in whole seconds. `u` is drawn from `[0, 1)` with 53 CSPRNG bits, so `ln(1 − u)` is always finite
    /// (CoverDrop's iOS sampler used a closed range, `spec/CLIENT.md` §16 #7).
    package static func sample(extra: Duration = .zero) -> Duration {
        sample(uniform: Double(randomBits() >> 11) / 9_007_199_254_740_992, extra: extra)
    }

    /// The delay for a given uniform sample `u` in `[0, 1)`.
    package static func sample(uniform u: Double, extra: Duration = .zero) -> Duration {
        let seconds = (-mean * Foundation.log(1 - min(max(u, 0), 0.999_999_999_999))).rounded(.towardZero)
        let lower = Double(minimum.components.seconds), upper = Double(maximum.components.seconds)
        return .seconds(Int64(min(max(seconds, lower), upper))) + extra
    }

    private static func randomBits() -> UInt64 {
        SecureRandom.bytes(8).reduce(0) { $0 << 8 | UInt64($1) }
    }
}
