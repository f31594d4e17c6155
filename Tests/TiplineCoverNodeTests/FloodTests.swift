import Foundation
import Testing
import TiplineAPIClient
import TiplineCore
import TiplineCoverNode
import TiplineStorage
import TiplineTestSupport

/// A flood of real messages to one public tag, through the real pipeline, the real API and a real SQLite stream:
/// a genuine source writing to another journalist in the middle of it is delivered by the first release after its
/// message, as without the flood, and the pipeline's checkpoint keeps up with the stream.
@Suite struct FloodTests {
    /// A release every 100 inputs, 10 messages each; the default share is 5 waiting messages per journalist.
    let parameters = MixingParameters(thresholdMin: 100, thresholdMax: 100, timeout: .seconds(3600), outputSize: 10)

    @Test(.timeLimit(.minutes(2)))
    func aGenuineMessageIsNotStarvedByAFloodToAnotherJournalist() async throws {
        let clock = SystemWallClock()
        try await TestCoverNode.withDeployment(["alice", "bob"]) { deployment, node, api, store in
            let coverNodeKeys = try await node.publishedKeys(deployment)
            let alice = try deployment.journalist("alice"), bob = try deployment.journalist("bob")
            // The flood: 399 real messages to alice's public tag, the genuine one to bob at position 351.
            var messages = try (0..<350).map {
                try Reader.message("flood \($0)", to: alice, coverNodeKeys: coverNodeKeys)
            }
            messages.append(try Reader.message("a genuine tip", to: bob, coverNodeKeys: coverNodeKeys))
            messages += try (350..<399).map {
                try Reader.message("flood \($0)", to: alice, coverNodeKeys: coverNodeKeys)
            }
            try await store.append(.userToCoverNode, messages.map { Data($0) })

            let log = CapturedLog()
            try await node.pipeline(.userToJournalist, parameters, logger: log.logger).runUntilIdle()

            let drops = try await api.deadDrops(.journalist, idsGreaterThan: 0).map(\.deadDrop)
            #expect(drops.count == 4, "one release per 100 inputs")
            let keys = try await deployment.verifiedKeys(from: api, now: clock.now())
            let bobPerDrop = try drops.map { try Reader.texts(in: [$0], for: bob, keys: keys, now: clock.now()) }
            #expect(
                bobPerDrop == [[], [], [], ["a genuine tip"]], "bob's message leaves with the first release after it")
            let alicesTexts = try Reader.texts(in: drops, for: alice, keys: keys, now: clock.now())
            #expect(alicesTexts.count == 20 && Set(alicesTexts).count == 20, "5 per release: half a dead drop")
            // Nothing waits any more: a restart re-reads nothing, however long the flood.
            let last = try await store.read(.userToCoverNode, after: 0, limit: 1000).last?.position
            #expect(try await store.checkpoint(consumer: "covernode-u2j") == last)
            let warnings = log.lines(containing: "the mixing buffer dropped real messages")
            #expect(!warnings.isEmpty)
            let aliceTag = try RecipientTag(journalistId: "alice").hex
            #expect(log.all.allSatisfy { !$0.contains(aliceTag) }, "no tag is logged")
        }
    }
}
