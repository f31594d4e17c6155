import Foundation
import Testing
import TiplineAPIClient
import TiplineCore
import TiplineStorage
import TiplineTestSupport

@testable import TiplineCoverNode

/// What a restart does with an unfinished release, against the real API and a real SQLite stream.
@Suite struct ReleaseRecoveryTests {
    let parameters = MixingParameters(thresholdMin: 1, thresholdMax: 1000, timeout: .seconds(3600), outputSize: 6)

    /// Stores three real messages for alice among covers; returns the pipeline's view of them as a release.
    func prepare(
        _ deployment: TestDeployment, _ node: TestCoverNode, _ store: SQLiteStore
    ) async throws -> (deadDrop: DeadDrop, lastPosition: Int64) {
        let coverNodeKeys = try await node.publishedKeys(deployment)
        let alice = try deployment.journalist("alice")
        var messages = try (0..<3).map {
            try Reader.message("recovered \($0)", to: alice, coverNodeKeys: coverNodeKeys)
        }
        messages += try (0..<5).map { _ in try UserToCoverNodeMessage.sealCover(to: coverNodeKeys) }
        try await store.append(.userToCoverNode, messages.map { Data($0) })
        let stored = try await store.read(.userToCoverNode, after: 0, limit: 100)
        let keys = await node.keyring.current
        let direction = UserToJournalistDirection(directory: node.directory)
        let opener = direction.opener(keys: keys, now: SystemWallClock().now())
        var slots: [MixingSlot<UserToJournalistDirection.Payload>] = stored.compactMap {
            if case .real(let payload) = opener.open(Array($0.message)) { return .real(payload) }
            return nil
        }
        slots += [MixingSlot](repeating: .filler, count: parameters.outputSize - slots.count)
        let deadDrop = try await direction.deadDrop(for: slots, keys: keys, now: SystemWallClock().now(), width: 2)
        return (deadDrop, try #require(stored.last?.position))
    }

    func texts(_ deployment: TestDeployment, _ api: APIClient) async throws -> [String] {
        let drops = try await api.deadDrops(.journalist, idsGreaterThan: 0).map(\.deadDrop)
        let keys = try await deployment.verifiedKeys(from: api, now: SystemWallClock().now())
        return try Reader.texts(
            in: drops, for: deployment.journalist("alice"), keys: keys, now: SystemWallClock().now())
    }

    @Test(arguments: [true, false])
    func anInterruptedReleaseIsFinishedAtStartExactlyOnce(publishedBeforeTheCrash: Bool) async throws {
        let folder = try TemporaryDirectory()
        let deployment = try TestDeployment(journalistIds: ["alice"], now: SystemWallClock().now())
        try await LoopbackAPI.run(database: folder.file("api.sqlite"), anchors: [deployment.anchor]) { api, store in
            try await deployment.publish(to: api, now: SystemWallClock().now())
            let node = try await TestCoverNode.start(deployment, in: folder, store: store, api: api)
            let (deadDrop, last) = try await prepare(deployment, node, store)
            let journal = ReleaseJournal(path: node.stateDirectory + "/u2j-intent.json", kind: .journalist)
            try journal.record(deadDrop, checkpoint: last)
            if publishedBeforeTheCrash { try await api.publish(deadDrop) }

            try await node.pipeline(.userToJournalist, parameters).runUntilIdle()
            #expect(try journal.pending() == nil)
            #expect(try await store.checkpoint(consumer: "covernode-u2j") == last)
            #expect(try await api.deadDrops(.journalist, idsGreaterThan: 0).map(\.deadDrop) == [deadDrop])
            #expect(try await texts(deployment, api).sorted() == ["recovered 0", "recovered 1", "recovered 2"])
        }
    }

    @Test func aRefusedReleaseIsForgottenAndItsMessagesAreMixedAgain() async throws {
        let folder = try TemporaryDirectory()
        let deployment = try TestDeployment(journalistIds: ["alice"], now: SystemWallClock().now())
        try await LoopbackAPI.run(database: folder.file("api.sqlite"), anchors: [deployment.anchor]) { api, store in
            try await deployment.publish(to: api, now: SystemWallClock().now())
            let node = try await TestCoverNode.start(deployment, in: folder, store: store, api: api)
            let (deadDrop, last) = try await prepare(deployment, node, store)
            let forged = try DeadDrop.sign(
                kind: .journalist, messages: deadDrop.messages.map { Array($0) }, createdAt: deadDrop.createdAt,
                epoch: deadDrop.epoch, with: .generate())
            let journal = ReleaseJournal(path: node.stateDirectory + "/u2j-intent.json", kind: .journalist)
            try journal.record(forged, checkpoint: last)

            let pipeline = try node.pipeline(
                .userToJournalist,
                MixingParameters(thresholdMin: 1, thresholdMax: 8, timeout: .seconds(3600), outputSize: 6))
            await #expect(throws: CoverNodeError.self) { try await pipeline.runUntilIdle() }
            #expect(try journal.pending() == nil)
            #expect(try await store.checkpoint(consumer: "covernode-u2j") == 0)
            #expect(try await api.deadDrops(.journalist, idsGreaterThan: 0).isEmpty)

            try await pipeline.runUntilIdle()
            #expect(try await store.checkpoint(consumer: "covernode-u2j") == last)
            #expect(try await texts(deployment, api).sorted() == ["recovered 0", "recovered 1", "recovered 2"])
        }
    }
}
