// swift-tools-version:6.2
import PackageDescription

/// Tipline's benchmarks (`make bench`, `scripts/bench.sh`): a package of their own, so that `tipline-bench` and the
/// harness's dependencies stay out of the library package and out of an app's graph. Like `Fuzz/`, it sees only the
/// root package's products (`TiplineCore`, `TiplineClient`, and the `tipline` executable, which it runs as a
/// process); what is `package` there (the CoverNode's pipeline and mixing state machine, the reader's storage
/// ratchet) is measured through the processes and the client API that run it.
///
/// - `Benchmarks/CoreBenchmarks`: micro-benchmarks on `ordo-one/benchmark` (formerly package-benchmark), with
///   instruction (where the CPU exposes its counters), allocation and wall-clock figures:
///   `swift package --package-path Benchmarks --scratch-path Benchmarks/.build benchmark`.
/// - `tipline-bench`: the end-to-end drivers (swift-argument-parser); every verdict is a ratio to a reference
///   measured in the same run. `LoadMeasures` holds their parsing and arithmetic, tested by `LoadMeasuresTests`
///   (debug; builds only that target): `swift build --package-path Benchmarks --scratch-path Benchmarks/.build
///   --product TiplineBenchmarksPackageTests`, then the same `swift test ... --skip-build`.
let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("InternalImportsByDefault"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .treatAllWarnings(as: .error),
]

let package = Package(
    name: "TiplineBenchmarks",
    platforms: [.macOS(.v15)],
    products: [.executable(name: "tipline-bench", targets: ["TiplineLoad"])],
    dependencies: [
        .package(name: "Tipline", path: ".."),
        .package(
            url: "https://github.com/ordo-one/benchmark.git", from: "1.38.1", traits: ["MallocInterposer"]),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
    ],
    targets: [
        // Keys, ciphertexts and the trial-decryption kernels shared by the micro-benchmarks and `tipline-bench`.
        .target(
            name: "BenchmarkKernels",
            dependencies: [.product(name: "TiplineCore", package: "Tipline")],
            swiftSettings: swiftSettings
        ),
        // The drivers' parsing and arithmetic (metrics text, drain rates, medians), without dependencies.
        .target(name: "LoadMeasures", swiftSettings: swiftSettings),
        .testTarget(name: "LoadMeasuresTests", dependencies: ["LoadMeasures"], swiftSettings: swiftSettings),
        .executableTarget(
            name: "TiplineLoad",
            dependencies: [
                "BenchmarkKernels",
                "LoadMeasures",
                .product(name: "TiplineCore", package: "Tipline"),
                .product(name: "TiplineClient", package: "Tipline"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        // The micro-benchmarks, run by the harness's plugin (one executable per folder of `Benchmarks/`).
        .executableTarget(
            name: "CoreBenchmarks",
            dependencies: [
                "BenchmarkKernels",
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "TiplineCore", package: "Tipline"),
            ],
            path: "Benchmarks/CoreBenchmarks",
            swiftSettings: swiftSettings,
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
    ]
)
