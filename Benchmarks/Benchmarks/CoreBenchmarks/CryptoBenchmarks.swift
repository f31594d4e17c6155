import Benchmark
import BenchmarkKernels
import TiplineCore

/// The protocol's cryptographic kernels through TiplineCore's product API, each next to the primitive it builds on,
/// so that a run shows ratios (instructions, allocations and time per operation) measured together.
func cryptoBenchmarks() {
    Benchmark("U2C open: MultiAnonymousBox.open of one 773-byte message") { benchmark in
        let fixtures = try CryptoFixtures.shared.get()
        for _ in benchmark.scaledIterations {
            blackHole(try MultiAnonymousBox.open(fixtures.userToCoverNode, with: fixtures.coverNode))
        }
    }
    Benchmark("reference: AnonymousBox.open (libsodium sealed box) of a 593-byte U2J") { benchmark in
        let fixtures = try CryptoFixtures.shared.get()
        for _ in benchmark.scaledIterations {
            blackHole(try AnonymousBox.open(fixtures.userToJournalist, with: fixtures.journalist))
        }
    }
    Benchmark("X25519 key agreement: TwoPartyBox.SharedKey") { benchmark in
        let fixtures = try CryptoFixtures.shared.get()
        for _ in benchmark.scaledIterations {
            blackHole(try TwoPartyBox.SharedKey(mine: fixtures.reader, theirs: fixtures.journalist.publicKey))
        }
    }
    Benchmark("J2U open with a precomputed shared key") { benchmark in
        let fixtures = try CryptoFixtures.shared.get()
        for _ in benchmark.scaledIterations {
            blackHole(JournalistToUserMessage.open(fixtures.reply[...], sharedKey: fixtures.sharedKey))
        }
    }
    Benchmark("J2U open with one key agreement (TwoPartyBox.open)") { benchmark in
        let fixtures = try CryptoFixtures.shared.get()
        for _ in benchmark.scaledIterations {
            blackHole(try TwoPartyBox.open(fixtures.reply, from: fixtures.journalist.publicKey, with: fixtures.reader))
        }
    }
    Benchmark("Ed25519 verify: a signed 20-message user dead drop") { benchmark in
        let fixtures = try CryptoFixtures.shared.get()
        for _ in benchmark.scaledIterations {
            blackHole(fixtures.deadDrop.isSigned(byAnyOf: [fixtures.identityKey], at: fixtures.now))
        }
    }
    Benchmark("PaddedCompressedString of a 1 KB text (gzip)") { benchmark in
        let text = String(repeating: "The quick brown fox jumps over the lazy dog. ", count: 23)
        for _ in benchmark.scaledIterations {
            blackHole(try PaddedCompressedString(text: text))
        }
    }
}
