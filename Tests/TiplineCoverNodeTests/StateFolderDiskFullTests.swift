import Foundation
import Testing
import TiplineAPIClient
import TiplineCore
import TiplineStorage
import TiplineTestSupport

@testable import TiplineCoverNode

/// The CoverNode's state folder on a small tmpfs that is full when a release is due: the intent record cannot be
/// written, so nothing is published and the checkpoint stays; the pipeline backs off and restarts from its
/// checkpoint until space is freed, then publishes every real message exactly once.
@Suite(
    "CoverNode state folder on a full disk", .enabled(if: SmallFileSystem.isAvailable, "needs root to mount a tmpfs"))
struct StateFolderDiskFullTests {
    @Test(.timeLimit(.minutes(2)))
    func aFullStateFolderDelaysTheReleaseAndLosesNothing() async throws {
        let folder = try TemporaryDirectory()
        let disk = try SmallFileSystem(bytes: 1 << 20)
        defer { disk.unmount() }
        let deployment = try TestDeployment(journalistIds: ["alice"], now: SystemWallClock().now())
        try await deployment.withPublishedAPI(in: folder) { api, store in
            let node = try await TestCoverNode.start(deployment, in: disk.directory, store: store, api: api)
            let keys = try await node.publishedKeys(deployment)
            let alice = try deployment.journalist("alice")
            var messages = try (0..<3).map { try Reader.message("message \($0)", to: alice, coverNodeKeys: keys) }
            messages += try (0..<5).map { _ in try UserToCoverNodeMessage.sealCover(to: keys) }
            try await store.append(.userToCoverNode, messages.map { Data($0) })
            let last = try #require(try await store.read(.userToCoverNode, after: 0, limit: 100).last?.position)

            try disk.fill()
            let log = CapturedLog()
            let pipeline = try node.pipeline(
                .userToJournalist,
                MixingParameters(thresholdMin: 1, thresholdMax: 8, timeout: .seconds(3600), outputSize: 6),
                logger: log.logger)
            let running = Task { try await pipeline.run() }
            try await eventually("two restarts on the full disk", timeout: .seconds(30)) {
                log.lines(containing: "cannot write u2j-intent.json: No space left on device").count >= 2
            }
            #expect(try await api.deadDrops(.journalist, idsGreaterThan: 0).isEmpty)
            #expect(try await store.checkpoint(consumer: "covernode-u2j") == 0)

            disk.free()
            try await eventually("the release after space was freed", timeout: .seconds(30)) {
                try await store.checkpoint(consumer: "covernode-u2j") == last
            }
            running.cancel()
            _ = await running.result
            let drops = try await api.deadDrops(.journalist, idsGreaterThan: 0).map(\.deadDrop)
            let verified = try await deployment.verifiedKeys(from: api, now: SystemWallClock().now())
            let texts = try Reader.texts(in: drops, for: alice, keys: verified, now: SystemWallClock().now())
            #expect(texts.sorted() == ["message 0", "message 1", "message 2"])
            #expect(!FileManager.default.fileExists(atPath: node.stateDirectory + "/u2j-intent.json"))
            #expect(
                try FileManager.default.contentsOfDirectory(atPath: node.stateDirectory).filter {
                    $0.hasPrefix(".tmp-")
                } == [])
        }
    }
}
