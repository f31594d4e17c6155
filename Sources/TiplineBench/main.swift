import Foundation

// `tipline-bench NAME [options]`: the benchmarks behind `make bench`. Build in release; debug numbers mean nothing.

let benchmarks: [String: ([String]) async throws -> Void] = [
    "appender": APIBenchmark.run(arguments:),
    "covernode": CoverNodeBenchmark.run(arguments:),
    "journalist": JournalistBenchmark.run(arguments:),
    "reader": ReaderBenchmark.run(arguments:),
    "ratchet": RatchetBenchmark.run(arguments:),
    "scale": ScaleBenchmark.run(arguments:),
]

let arguments = Array(CommandLine.arguments.dropFirst())
guard let name = arguments.first, let benchmark = benchmarks[name] else {
    print("usage: tipline-bench <\(benchmarks.keys.sorted().joined(separator: "|"))> [options]")
    exit(2)
}
do {
    try await benchmark(Array(arguments.dropFirst()))
} catch {
    FileHandle.standardError.write(Data("tipline-bench \(name): \(error)\n".utf8))
    exit(1)
}
