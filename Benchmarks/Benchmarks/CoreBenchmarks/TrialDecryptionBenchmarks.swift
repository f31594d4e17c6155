import Benchmark
import BenchmarkKernels

/// Trial decryption as the apps do it, written with TiplineCore's product API: a reader's 14 days of reply dead drops
/// with precomputed shared keys next to one key agreement per message (target: at least 10x fewer instructions), and
/// one journalist dead drop against the journalist's messaging keys.
func trialDecryptionBenchmarks() {
    let slow = Benchmark.Configuration(maxDuration: .seconds(5), maxIterations: 20)
    Benchmark("reader: 14 days of reply dead drops (336 x 20), precomputed shared keys", configuration: slow) {
        benchmark in
        let fixtures = try ReaderFixtures.shared.get()
        for _ in benchmark.scaledIterations { try fixtures.check(try fixtures.decryptPrecomputed()) }
    }
    Benchmark("reference: the same dead drops, one key agreement per message and key", configuration: slow) {
        benchmark in
        let fixtures = try ReaderFixtures.shared.get()
        for _ in benchmark.scaledIterations { try fixtures.check(fixtures.decryptNaive()) }
    }
    Benchmark("journalist: one 500-message dead drop, 14 messaging keys, 2 CoverNodes", configuration: slow) {
        benchmark in
        let fixtures = try JournalistFixtures.shared.get()
        for _ in benchmark.scaledIterations { try fixtures.check(try fixtures.trialDecrypt()) }
    }
}
