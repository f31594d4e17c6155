import Testing
import TiplineCore
import TiplineCoverNode

/// The mix's buffer bounds (per recipient, in all, by age), what they evict, and where the checkpoint goes, with time
/// passed in: every duration here is virtual.
@Suite struct BoundedMixTests {
    let start = Timestamp(seconds: 1_900_000_000)
    let alice: RecipientTag
    let bob: RecipientTag

    init() throws {
        alice = try RecipientTag(journalistId: "alice")
        bob = try RecipientTag(journalistId: "bob")
    }

    func at(_ seconds: Double) -> Timestamp { start.adding(.milliseconds(Int64(seconds * 1000))) }

    /// A mix released by the 60 s timer, 10 messages a dead drop, with the given buffer bounds.
    func timerMix(bufferCapacity: Int, perRecipientCapacity: Int) throws -> MixingStrategy<Int> {
        try MixingStrategy(
            parameters: MixingParameters(
                thresholdMin: 1, thresholdMax: 100, timeout: .seconds(60), outputSize: 10,
                bufferCapacity: bufferCapacity, perRecipientCapacity: perRecipientCapacity),
            checkpoint: 0, now: start)
    }

    /// One hour of 100 real messages a second to alice (a flood through a public tag), with one genuine message to
    /// bob half-way through; the mix releases every 60 s (the timeout), 50 messages each.
    @Test func aFloodToOneRecipientStaysBoundedAndDoesNotDelayAnother() throws {
        let parameters = MixingParameters(
            thresholdMin: 1000, thresholdMax: 20_000, timeout: .seconds(60), outputSize: 50)
        var mixer = try MixingStrategy<Int>(parameters: parameters, checkpoint: 0, now: start)
        var position: Int64 = 0
        var releases: [(time: Double, payloads: [Int])] = []
        var largestBuffer = 0, evicted = 0
        let genuine = -1, genuineTime = 1800.37
        for tenth in 0..<36_000 {
            let time = Double(tenth) / 10
            for _ in 0..<10 {
                position += 1
                let input = MixingInput<Int>.real(Int(position), position: position, recipient: alice)
                if let release = mixer.receive(input, at: at(time)) {
                    releases.append((time, release.slots.compactMap(\.payload)))
                }
            }
            if time == 1800.3 {
                position += 1
                let input = MixingInput<Int>.real(genuine, position: position, recipient: bob)
                if let release = mixer.receive(input, at: at(genuineTime)) {
                    releases.append((genuineTime, release.slots.compactMap(\.payload)))
                }
            }
            if let release = mixer.tick(at: at(time)) { releases.append((time, release.slots.compactMap(\.payload))) }
            largestBuffer = max(largestBuffer, mixer.bufferedCount)
            evicted += mixer.takeDiscarded().overflow
        }
        #expect(largestBuffer <= parameters.perRecipientCapacity + 1, "the buffer stays bounded")
        let delivery = try #require(releases.firstIndex { $0.payloads.contains(genuine) })
        let firstAfter = try #require(releases.firstIndex { $0.time >= genuineTime })
        #expect(delivery == firstAfter, "bob's message leaves in the first release after it arrived")
        #expect(releases.count == 59, "one release a minute, as without the flood")
        let delivered = releases.reduce(0) { $0 + $1.payloads.count }
        #expect(delivered + evicted + mixer.bufferedCount == Int(position), "every message is released or counted")
        #expect(evicted > 300_000)
    }

    @Test func aFullShareEvictsTheRecipientsOwnOldestMessage() throws {
        var mixer = try MixingStrategy<Int>(
            parameters: MixingParameters(
                thresholdMin: 1, thresholdMax: 6, timeout: .seconds(60), outputSize: 6, perRecipientCapacity: 2),
            checkpoint: 0, now: start)
        for position in Int64(1)...4 {
            _ = mixer.receive(.real(Int(position), position: position, recipient: alice), at: at(0))
        }
        _ = mixer.receive(.real(5, position: 5, recipient: bob), at: at(0))
        #expect(mixer.bufferedCount == 3)
        let discarded1 = mixer.takeDiscarded()
        #expect(discarded1 == .init(overflow: 2, expired: 0))
        let outcome = mixer.receive(.cover(position: 6), at: at(0))
        let release = try #require(outcome)
        #expect(Set(release.slots.compactMap(\.payload)) == [3, 4, 5])
        #expect(release.checkpoint == 6, "the checkpoint passes the evicted messages")
        let discarded2 = mixer.takeDiscarded()
        #expect(discarded2.isEmpty)
    }

    @Test func aFullBufferEvictsFromTheRecipientWithTheMostWaiting() throws {
        var mixer = try timerMix(bufferCapacity: 4, perRecipientCapacity: 10)
        for position in Int64(1)...3 {
            _ = mixer.receive(.real(Int(position), position: position, recipient: alice), at: at(0))
        }
        _ = mixer.receive(.real(4, position: 4, recipient: bob), at: at(0))
        _ = mixer.receive(.real(5, position: 5), at: at(0))
        #expect(mixer.bufferedCount == 4)
        let outcome = mixer.tick(at: at(60))
        let release = try #require(outcome)
        #expect(Set(release.slots.compactMap(\.payload)) == [2, 3, 4, 5], "alice, the largest share, lost her oldest")
        #expect(release.checkpoint == 5)
    }

    @Test func repliesWithoutARecipientAreBoundedByTheCapacityOnly() throws {
        var mixer = try timerMix(bufferCapacity: 6, perRecipientCapacity: 1)
        for position in Int64(1)...8 { _ = mixer.receive(.real(Int(position), position: position), at: at(0)) }
        #expect(mixer.bufferedCount == 6)
        let discarded3 = mixer.takeDiscarded()
        #expect(discarded3.overflow == 2)
        let outcome = mixer.tick(at: at(60))
        let release = try #require(outcome)
        #expect(Set(release.slots.compactMap(\.payload)) == Set(3...8))
    }

    @Test func messagesOlderThanTheMaximumAgeAreDroppedAndPassed() throws {
        let parameters = MixingParameters(
            thresholdMin: 1, thresholdMax: 100, timeout: .seconds(60), outputSize: 1, maximumAge: .seconds(3600))
        var mixer = try MixingStrategy<Int>(parameters: parameters, checkpoint: 0, now: start)
        _ = mixer.receive(.real(1, position: 1, recipient: alice, receivedAt: at(0)), at: at(0))
        _ = mixer.receive(.real(2, position: 2, recipient: bob, receivedAt: at(0)), at: at(0))
        let firstOutcome = mixer.tick(at: at(60))
        let first = try #require(firstOutcome)
        #expect(first.slots.compactMap(\.payload) == [1])
        #expect(first.checkpoint == 1, "bob's message still waits")
        // Re-read after a restart: received long ago, it never enters the buffer.
        _ = mixer.receive(.real(9, position: 3, recipient: alice, receivedAt: at(-7200)), at: at(61))
        #expect(mixer.bufferedCount == 1)
        let secondOutcome = mixer.receive(.cover(position: 4), at: at(3700))
        let second = try #require(secondOutcome)
        #expect(second.realCount == 0, "bob's message waited longer than an hour")
        #expect(second.checkpoint == 4)
        let discarded4 = mixer.takeDiscarded()
        #expect(discarded4 == .init(overflow: 0, expired: 2))
    }

    @Test func eachReleaseReportsItsAnonymitySet() throws {
        var mixer = try MixingStrategy<Int>(
            parameters: MixingParameters(thresholdMin: 2, thresholdMax: 5, timeout: .seconds(60), outputSize: 3),
            checkpoint: 0, now: start)
        _ = mixer.receive(.real(1, position: 1, recipient: alice), at: at(0))
        for position in Int64(2)...4 { _ = mixer.receive(.unopened(position: position), at: at(0)) }
        _ = mixer.receive(.cover(position: 5), at: at(0))
        _ = mixer.receive(.cover(position: 6), at: at(0))
        let timedOutcome = mixer.tick(at: at(60))
        let timed = try #require(timedOutcome)
        #expect(timed.inputCount == 3, "real and cover count, undecryptable messages do not")
        var full: MixingRelease<Int>?
        for position in Int64(7)...11 { full = mixer.receive(.cover(position: position), at: at(61)) ?? full }
        #expect(try #require(full).inputCount == 5)
    }

    @Test(arguments: [
        MixingParameters(
            thresholdMin: 1, thresholdMax: 4, timeout: .seconds(1), outputSize: 1, bufferCapacity: 0),
        MixingParameters(
            thresholdMin: 1, thresholdMax: 4, timeout: .seconds(1), outputSize: 1, perRecipientCapacity: 0),
        MixingParameters(
            thresholdMin: 1, thresholdMax: 4, timeout: .seconds(60), outputSize: 1, maximumAge: .seconds(60)),
    ])
    func invalidBoundsAreRefused(parameters: MixingParameters) {
        #expect(throws: CoverNodeError.self) { try parameters.validate() }
    }
}
