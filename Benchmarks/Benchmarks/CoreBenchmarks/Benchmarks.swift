import Benchmark

/// The micro-benchmarks of `swift package benchmark`: TiplineCore's crypto kernels and the trial decryption of
/// readers and journalists. Each records instruction and allocation counts (steady on a shared machine) next to the
/// wall clock; the references sit beside what they judge, measured in the same run.
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = Benchmark.Configuration(
        metrics: [.instructions, .mallocCountTotal, .wallClock, .throughput], warmupIterations: 1,
        maxDuration: .seconds(2), maxIterations: 2_000)
    cryptoBenchmarks()
    trialDecryptionBenchmarks()
}
