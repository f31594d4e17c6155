import Testing
import TiplineCore
import TiplineCoverNode

/// The order inside a release must not reveal which messages are real or when they arrived: real messages land
/// in every slot equally often (chi-square against the uniform distribution, both tails at p = 1e-4, so a rotation
/// or any other too-regular order fails as well as a biased one).
@Suite struct ReleaseUniformityTests {
    let start = Timestamp(seconds: 1_900_000_000)

    /// The chi-square statistic of `counts` against equal expected counts.
    func chiSquare(_ counts: [Int]) -> Double {
        let expected = Double(counts.reduce(0, +)) / Double(counts.count)
        return counts.reduce(0) { $0 + (Double($1) - expected) * (Double($1) - expected) / expected }
    }

    /// Slot indices of real messages over `releases` releases of `reals` real messages each.
    func positions(output: Int, reals: Int, releases: Int) throws -> (all: [Int], oldest: [Int]) {
        let parameters = MixingParameters(
            thresholdMin: 1, thresholdMax: output, timeout: .seconds(3600), outputSize: output)
        var mixer = try MixingStrategy<Int>(parameters: parameters, checkpoint: 0, now: start)
        var all = [Int](repeating: 0, count: output)
        var oldest = [Int](repeating: 0, count: output)
        var position: Int64 = 0
        for _ in 0..<releases {
            var release: MixingRelease<Int>?
            for index in 0..<output {
                position += 1
                let input: MixingInput<Int> =
                    index < reals ? .real(index, position: position) : .cover(position: position)
                release = mixer.receive(input, at: start)
            }
            let slots = try #require(release).slots
            for (slot, entry) in slots.enumerated() {
                guard let payload = entry.payload else { continue }
                all[slot] += 1
                if payload == 0 { oldest[slot] += 1 }
            }
        }
        return (all, oldest)
    }

    @Test func oneRealMessageLandsInEverySlotEquallyOften() throws {
        let counts = try positions(output: 10, reals: 1, releases: 5000).all
        #expect(counts.reduce(0, +) == 5000)
        let statistic = chiSquare(counts)
        #expect(statistic > 0.661 && statistic < 33.72, "chi-square \(statistic) over \(counts)")
    }

    @Test func theOldestOfSeveralRealMessagesIsNotFavoured() throws {
        let (all, oldest) = try positions(output: 20, reals: 5, releases: 4000)
        #expect(all.reduce(0, +) == 20_000)
        for counts in [all, oldest] {
            let statistic = chiSquare(counts)
            #expect(statistic > 3.968 && statistic < 50.80, "chi-square \(statistic) over \(counts)")
        }
    }
}
