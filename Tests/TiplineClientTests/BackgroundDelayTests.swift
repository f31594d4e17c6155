import Testing
import TiplineClient

@Suite("Background delay")
struct BackgroundDelayTests {
    @Test("samples are clamped to 5…120 minutes, whole seconds, plus the extra delay")
    func clamped() {
        #expect(BackgroundDelay.sample(uniform: 0) == .seconds(300))
        #expect(BackgroundDelay.sample(uniform: 0.999_999_999_999_999_9) == .seconds(7200))
        // -600 · ln(1 − 0.6) = 549.77 → 549
        #expect(BackgroundDelay.sample(uniform: 0.6) == .seconds(549))
        #expect(BackgroundDelay.sample(uniform: 0.6, extra: .seconds(600)) == .seconds(1149))
    }

    @Test("random samples stay in range and average near the clamped exponential's mean")
    func distribution() {
        let samples = (0..<4000).map { _ in BackgroundDelay.sample().components.seconds }
        #expect(samples.allSatisfy { (300...7200).contains($0) })
        // E[clamp(Exp(600), 300, 7200)] = 300 + 600·e^(−0.5) ≈ 663.9 s; 4,000 samples: standard error ≈ 7 s.
        let mean = Double(samples.reduce(0, +)) / Double(samples.count)
        #expect(abs(mean - 663.9) < 40)
    }
}
