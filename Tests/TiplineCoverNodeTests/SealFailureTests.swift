import Foundation
import Testing
import TiplineAPIClient
import TiplineStorage
import TiplineTestSupport

@testable import TiplineCore
@testable import TiplineCoverNode

/// One journalist key that libsodium refuses (a small-order X25519 point) must not stop anybody's inbox: the
/// message to it becomes a filler, the error is logged without its tag and counted, and the release goes out.
@Suite struct SealFailureTests {
    /// Releases once all eight inputs are in.
    let parameters = MixingParameters(thresholdMin: 8, thresholdMax: 8, timeout: .seconds(3600), outputSize: 8)

    @Test(.timeLimit(.minutes(1)))
    func aSmallOrderJournalistKeyCostsOnlyItsOwnMessages() async throws {
        let clock = SystemWallClock()
        try await TestCoverNode.withDeployment(["alice", "bob"]) { deployment, node, api, store in
            let alice = try deployment.journalist("alice"), bob = try deployment.journalist("bob")
            // The all-zero point (order 4), injected below the key parsing so this holds whatever parsing refuses.
            let smallOrder = EncryptionPublicKey<Role.JournalistMessaging>(unchecked: [UInt8](repeating: 0, count: 32))
            let aliceTag = try RecipientTag(journalistId: alice.id)
            node.directory.replace(with: [
                aliceTag: smallOrder, try RecipientTag(journalistId: bob.id): bob.latestMessaging.publicKey,
            ])

            let coverNodeKeys = try await node.publishedKeys(deployment)
            var messages = try (0..<2).map {
                try Reader.message("to alice \($0)", to: alice, coverNodeKeys: coverNodeKeys)
            }
            messages += try (0..<2).map { try Reader.message("to bob \($0)", to: bob, coverNodeKeys: coverNodeKeys) }
            messages += try (0..<4).map { _ in try UserToCoverNodeMessage.sealCover(to: coverNodeKeys) }
            try await store.append(.userToCoverNode, messages.shuffled().map { Data($0) })

            let log = CapturedLog()
            try await node.pipeline(.userToJournalist, parameters, logger: log.logger).runUntilIdle()

            let drops = try await api.deadDrops(.journalist, idsGreaterThan: 0).map(\.deadDrop)
            #expect(drops.count == 1 && drops.allSatisfy { $0.messages.count == 8 })
            let keys = try await deployment.verifiedKeys(from: api, now: clock.now())
            #expect(
                try Reader.texts(in: drops, for: bob, keys: keys, now: clock.now()).sorted() == [
                    "to bob 0", "to bob 1",
                ])
            let last = try await store.read(.userToCoverNode, after: 0, limit: 100).last?.position
            #expect(try await store.checkpoint(consumer: "covernode-u2j") == last, "the pipeline moved on")
            let errors = log.lines(containing: "could not be sealed")
            #expect(errors.count == 1)
            #expect(errors.first?.contains("messages=2") == true)
            #expect(log.all.allSatisfy { !$0.contains(aliceTag.hex) && !$0.contains("alice") })
        }
    }
}
