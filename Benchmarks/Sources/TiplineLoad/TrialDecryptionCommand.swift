import ArgumentParser
import BenchmarkKernels
import Foundation
import LoadMeasures

/// `tipline-bench trial-decryption`: the reader's 14 days of reply dead drops with precomputed shared keys against
/// one key agreement per message and key, in the same run (verdict: at least 10x faster), and one journalist dead
/// drop of 500 messages against 14 keys. Medians of `--iterations` runs; the instruction counts of the same kernels
/// come from `swift package benchmark`.
struct TrialDecryptionCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trial-decryption", abstract: "Precomputed shared keys against one key agreement per message.")

    @Option(help: "Runs of each path; the median counts.")
    var iterations = 5

    func run() async throws {
        let reader = try ReaderFixtures.shared.get()
        let journalist = try JournalistFixtures.shared.get()
        var precomputed: [Double] = []
        var naive: [Double] = []
        var journalistRuns: [Double] = []
        for _ in 0..<max(iterations, 1) {
            precomputed.append(try await Measures.milliseconds { try reader.check(try reader.decryptPrecomputed()) })
            naive.append(try await Measures.milliseconds { try reader.check(reader.decryptNaive()) })
            journalistRuns.append(
                try await Measures.milliseconds { try journalist.check(try journalist.trialDecrypt()) })
        }
        let (fast, slow, desk) = (
            Measures.median(precomputed), Measures.median(naive), Measures.median(journalistRuns)
        )
        print("reader: \(reader.messages.count) reply-dead-drop messages, 6 journalist keys, medians of \(iterations)")
        print(String(format: "  precomputed shared keys        %8.1f ms (target < 50 ms on one core)", fast))
        print(String(format: "  one key agreement per message  %8.1f ms (the reference)", slow))
        let speedUp = slow / max(fast, 0.001)
        print(String(format: "  speed-up %.1fx (target >= 10x): ", speedUp) + (speedUp >= 10 ? "meets" : "MISSES"))
        print(String(format: "journalist: 500 messages x 14 keys x 2 CoverNodes %8.1f ms (target < 1000 ms)", desk))
    }
}
