import Foundation

// `tipline-bench NAME`: the benchmarks behind `make bench`. Build in release; numbers from debug builds mean nothing.

let arguments = Array(CommandLine.arguments.dropFirst())
let benchmarks: [String: ([String]) async throws -> Void] = [:]

guard let name = arguments.first, let benchmark = benchmarks[name] else {
    print("usage: tipline-bench <\(benchmarks.keys.sorted().joined(separator: "|"))> [options]")
    exit(2)
}
try await benchmark(Array(arguments.dropFirst()))
