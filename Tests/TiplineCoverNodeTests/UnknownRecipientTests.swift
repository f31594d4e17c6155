import Foundation
import Synchronization
import Testing
import TiplineAPIClient
import TiplineCore
import TiplineCoverNode
import TiplineStorage
import TiplineTestSupport

/// A journalist who registered after the CoverNode's last periodic key refresh: the pipeline refreshes on demand
/// instead of dropping the first messages to them (CoverDrop drops them).
@Suite struct UnknownRecipientTests {
    /// Releases once four messages are buffered, with room for all of them.
    let parameters = MixingParameters(thresholdMin: 4, thresholdMax: 4, timeout: .seconds(3600), outputSize: 4)

    @Test(arguments: [true, false])
    func aMessageToAJournalistTheDirectoryDoesNotKnowYet(refreshesOnDemand: Bool) async throws {
        let folder = try TemporaryDirectory()
        let clock = SystemWallClock()
        let deployment = try TestDeployment(journalistIds: ["alice"], now: clock.now())
        try await deployment.withPublishedAPI(in: folder) { api, store in
            let node = try await TestCoverNode.start(deployment, in: folder, store: store, api: api)
            // A directory filled before alice existed: the periodic refresh has not run since.
            let stale = JournalistDirectory()
            let refreshes = Counter()
            let refresh: @Sendable () async throws -> Void = {
                refreshes.increment()
                stale.update(from: try await deployment.verifiedKeys(from: api, now: clock.now()))
            }
            let pipeline = try CoverNodePipeline(
                .userToJournalist, parameters: parameters, store: store, api: api, keyring: node.keyring,
                directory: stale, refreshDirectory: refreshesOnDemand ? refresh : nil,
                stateDirectory: node.stateDirectory,
                settings: TestCoverNode.fastPipeline, clock: clock, logger: TestCoverNode.logger)

            let coverNodeKeys = try await node.publishedKeys(deployment)
            let alice = try deployment.journalist("alice")
            var messages = try [Reader.message("first tip", to: alice, coverNodeKeys: coverNodeKeys)]
            messages += try (0..<3).map { _ in try UserToCoverNodeMessage.sealCover(to: coverNodeKeys) }
            try await store.append(.userToCoverNode, messages.map { Data($0) })
            try await pipeline.runUntilIdle()

            let drops = try await api.deadDrops(.journalist, idsGreaterThan: 0).map(\.deadDrop)
            #expect(drops.count == 1)
            let keys = try await deployment.verifiedKeys(from: api, now: clock.now())
            let texts = try Reader.texts(in: drops, for: alice, keys: keys, now: clock.now())
            #expect(texts == (refreshesOnDemand ? ["first tip"] : []))
            #expect(refreshes.value == (refreshesOnDemand ? 1 : 0))
        }
    }
}

/// A thread-safe counter for closures the pipeline calls.
private final class Counter: Sendable {
    private let count = Mutex(0)
    func increment() { count.withLock { $0 += 1 } }
    var value: Int { count.withLock { $0 } }
}
