import Testing
import TiplineCore
import TiplineCoverNode

/// Every release rule of the threshold-and-timeout mix, with time passed in explicitly.
@Suite struct MixingStrategyTests {
    let start = Timestamp(seconds: 1_900_000_000)
    let parameters = MixingParameters(thresholdMin: 3, thresholdMax: 6, timeout: .seconds(60), outputSize: 4)

    func mix(_ parameters: MixingParameters? = nil, checkpoint: Int64 = 0) throws -> MixingStrategy<Int> {
        try MixingStrategy(parameters: parameters ?? self.parameters, checkpoint: checkpoint, now: start)
    }

    func at(_ seconds: Int64) -> Timestamp { start.adding(.seconds(seconds)) }

    /// Feeds covers at `positions` and returns how many releases they caused.
    func covers(_ positions: ClosedRange<Int64>, into mixer: inout MixingStrategy<Int>, at time: Timestamp) -> Int {
        positions.reduce(0) { count, position in
            count + (mixer.receive(.cover(position: position), at: time) == nil ? 0 : 1)
        }
    }

    @Test func nothingIsReleasedBelowTheMaximumBeforeTheTimeout() throws {
        var mixer = try mix()
        #expect(covers(1...5, into: &mixer, at: at(59)) == 0)
        let tick = mixer.tick(at: at(59))
        #expect(tick == nil)
        #expect(mixer.inputCount == 5)
    }

    @Test func theMaximumReleasesAtOnceEvenBeforeTheTimeout() throws {
        var mixer = try mix()
        #expect(covers(1...5, into: &mixer, at: at(1)) == 0)
        let outcome = mixer.receive(.cover(position: 6), at: at(1))
        let release = try #require(outcome)
        #expect(release.slots.count == 4)
        #expect(release.realCount == 0)
        #expect(release.checkpoint == 6)
        #expect(mixer.inputCount == 0)
        #expect(mixer.lastReleaseTime == at(1))
    }

    @Test func anInputAfterTheTimeoutReleasesOnceTheMinimumIsReached() throws {
        var mixer = try mix()
        #expect(covers(1...2, into: &mixer, at: at(61)) == 0)
        let third = mixer.receive(.cover(position: 3), at: at(62))
        #expect(third != nil)
    }

    @Test func theTimerReleasesWithoutNewInput() throws {
        var mixer = try mix()
        for position in 1...3 { _ = mixer.receive(.real(position, position: Int64(position)), at: at(10)) }
        let early = mixer.tick(at: at(59))
        #expect(early == nil)
        let outcome = mixer.tick(at: at(60))
        let release = try #require(outcome)
        #expect(Set(release.slots.compactMap(\.payload)) == [1, 2, 3])
        #expect(release.checkpoint == 3)
        #expect(mixer.bufferedCount == 0)
    }

    @Test func theTimerDoesNothingBelowTheMinimum() throws {
        var mixer = try mix()
        _ = mixer.receive(.real(1, position: 1), at: at(1))
        _ = mixer.receive(.cover(position: 2), at: at(1))
        let tick = mixer.tick(at: at(3600))
        #expect(tick == nil)
        #expect(mixer.bufferedCount == 1)
    }

    @Test func aZeroMinimumReleasesFillersOnTheTimerAlone() throws {
        var mixer = try mix(
            MixingParameters(thresholdMin: 0, thresholdMax: 10, timeout: .seconds(5), outputSize: 3), checkpoint: 41)
        let early = mixer.tick(at: at(4))
        #expect(early == nil)
        let outcome = mixer.tick(at: at(5))
        let release = try #require(outcome)
        #expect(release.slots.count == 3 && release.realCount == 0)
        #expect(release.checkpoint == 41)
        let beforeNext = mixer.tick(at: at(9))
        #expect(beforeNext == nil)
        let next = mixer.tick(at: at(10))
        #expect(next != nil)
    }

    @Test func theTimeoutIsMeasuredFromTheLastRelease() throws {
        var mixer = try mix()
        #expect(covers(1...6, into: &mixer, at: at(50)) == 1)
        #expect(covers(7...9, into: &mixer, at: at(100)) == 0)
        let early = mixer.tick(at: at(109))
        #expect(early == nil)
        let due = mixer.tick(at: at(110))
        #expect(due != nil)
    }

    @Test func countsIncludeCoverButNotUnopenedMessages() throws {
        var mixer = try mix()
        _ = mixer.receive(.real(1, position: 1), at: at(0))
        for position in Int64(2)...20 {
            let outcome = mixer.receive(.unopened(position: position), at: at(0))
            #expect(outcome == nil)
        }
        #expect(mixer.inputCount == 1)
        #expect(covers(21...24, into: &mixer, at: at(0)) == 0)
        let outcome = mixer.receive(.cover(position: 25), at: at(0))
        let release = try #require(outcome)
        #expect(release.slots.compactMap(\.payload) == [1])
        #expect(release.checkpoint == 25)
    }

    @Test func releasesArePaddedWithFillersToTheOutputSize() throws {
        var mixer = try mix(MixingParameters(thresholdMin: 1, thresholdMax: 5, timeout: .seconds(60), outputSize: 10))
        for position in 1...2 { _ = mixer.receive(.real(position, position: Int64(position)), at: at(0)) }
        #expect(covers(3...4, into: &mixer, at: at(0)) == 0)
        let outcome = mixer.receive(.real(5, position: 5), at: at(0))
        let release = try #require(outcome)
        #expect(release.slots.count == 10)
        #expect(release.realCount == 3)
        #expect(release.slots.filter { $0.payload == nil }.count == 7)
    }

    @Test func theOldestRealsLeaveFirstAndTheRestWait() throws {
        var mixer = try mix(MixingParameters(thresholdMin: 1, thresholdMax: 15, timeout: .seconds(60), outputSize: 10))
        var releases: [MixingRelease<Int>] = []
        for position in 1...15 {
            if let release = mixer.receive(.real(position, position: Int64(100 + position)), at: at(0)) {
                releases.append(release)
            }
        }
        let first = try #require(releases.first)
        #expect(releases.count == 1)
        #expect(Set(first.slots.compactMap(\.payload)) == Set(1...10))
        #expect(mixer.bufferedCount == 5)
        // The checkpoint stops just before the oldest real that is still waiting.
        #expect(first.checkpoint == 110)
        // Waiting reals are not new inputs: the next release needs thresholdMin new ones (here one cover).
        let idle = mixer.tick(at: at(60))
        #expect(idle == nil)
        _ = mixer.receive(.cover(position: 116), at: at(30))
        let outcome = mixer.tick(at: at(60))
        let second = try #require(outcome)
        #expect(Set(second.slots.compactMap(\.payload)) == Set(11...15))
        #expect(second.realCount == 5 && second.slots.count == 10)
        #expect(second.checkpoint == 116)
    }

    @Test func theCheckpointNeverPassesAnUnreleasedReal() throws {
        var mixer = try mix(
            MixingParameters(thresholdMin: 1, thresholdMax: 4, timeout: .seconds(60), outputSize: 1), checkpoint: 7)
        var checkpoints: [Int64] = []
        var unreleased: Set<Int64> = []
        var position: Int64 = 7
        for round in 0..<200 {
            position += 1
            let input: MixingInput<Int> =
                round % 3 == 0 ? .real(Int(position), position: position) : .cover(position: position)
            if case .real = input { unreleased.insert(position) }
            guard let release = mixer.receive(input, at: at(Int64(round))) else { continue }
            for payload in release.slots.compactMap(\.payload) { unreleased.remove(Int64(payload)) }
            #expect(unreleased.allSatisfy { $0 > release.checkpoint })
            #expect(release.checkpoint <= position)
            checkpoints.append(release.checkpoint)
        }
        #expect(checkpoints == checkpoints.sorted())
        #expect(checkpoints.count == 50)
        #expect(mixer.bufferedCount == unreleased.count)
    }

    @Test func aTimerReleaseWithAnEmptyBufferCheckpointsTheNewestPosition() throws {
        var mixer = try mix(checkpoint: 9)
        #expect(covers(10...12, into: &mixer, at: at(0)) == 0)
        _ = mixer.receive(.unopened(position: 13), at: at(0))
        let outcome = mixer.tick(at: at(60))
        #expect(try #require(outcome).checkpoint == 13)
    }

    @Test(arguments: [MixingProfile.test, MixingProfile.production])
    func bothDirectionsFollowTheirOwnParameters(profile: MixingProfile) throws {
        for parameters in [profile.userToJournalist, profile.journalistToUser] {
            var mixer = try MixingStrategy<Int>(parameters: parameters, checkpoint: 0, now: start)
            var releases: [MixingRelease<Int>] = []
            for position in 1...parameters.thresholdMax {
                if let release = mixer.receive(.real(position, position: Int64(position)), at: start) {
                    releases.append(release)
                }
            }
            let made = try #require(releases.first)
            #expect(releases.count == 1)
            #expect(made.slots.count == parameters.outputSize)
            #expect(made.realCount == min(parameters.outputSize, parameters.thresholdMax))
            // The buffer keeps at most its capacity (the newest), the release takes the oldest of those.
            #expect(
                mixer.bufferedCount == min(parameters.thresholdMax, parameters.bufferCapacity) - made.realCount)
        }
    }

    @Test func theProfilesHaveTheDocumentedValues() throws {
        #expect(
            MixingProfile.production.userToJournalist
                == MixingParameters(
                    thresholdMin: 100_000, thresholdMax: 500_000, timeout: .seconds(3600), outputSize: 500))
        #expect(
            MixingProfile.production.journalistToUser
                == MixingParameters(thresholdMin: 50, thresholdMax: 100, timeout: .seconds(3600), outputSize: 20))
        #expect(try MixingProfile.named("test") == .test)
        #expect(throws: CoverNodeError.self) { try MixingProfile.named("fast") }
    }

    @Test(arguments: [
        MixingParameters(thresholdMin: 5, thresholdMax: 4, timeout: .seconds(1), outputSize: 1),
        MixingParameters(thresholdMin: -1, thresholdMax: 4, timeout: .seconds(1), outputSize: 1),
        MixingParameters(thresholdMin: 0, thresholdMax: 0, timeout: .seconds(1), outputSize: 1),
        MixingParameters(thresholdMin: 1, thresholdMax: 4, timeout: .zero, outputSize: 1),
        MixingParameters(thresholdMin: 1, thresholdMax: 4, timeout: .seconds(1), outputSize: 0),
    ])
    func invalidParametersAreRefused(parameters: MixingParameters) {
        #expect(throws: CoverNodeError.self) {
            try MixingStrategy<Int>(parameters: parameters, checkpoint: 0, now: start)
        }
    }
}
