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
            .deadDrop
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
        try await deployment.withPublishedAPI(in: folder) { api, store in
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
        try await deployment.withPublishedAPI(in: folder) { api, store in
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

    /// A crash between publishing and moving the checkpoint, and by the next start the signing identity expired by
    /// the API's clock (the CoverNode's, a minute behind, still opens the stream, and a newer identity can sign). The
    /// Tipline API answers 200 to the identical stored dead drop; an API that checks the signature first (CoverDrop's
    /// order, and Tipline's before) refuses it although it is stored. Either way the release must count as done, not
    /// be mixed again and delivered twice.
    @Test(.timeLimit(.minutes(1)), arguments: [false, true])
    func aStoredReleaseRefusedAfterItsSigningKeyExpiredIsNotDeliveredTwice(apiChecksSignatureFirst: Bool) async throws {
        let folder = try TemporaryDirectory()
        let start = SystemWallClock().now()
        let apiClock = ManualWallClock(start: start), nodeClock = ManualWallClock(start: start)
        let deployment = try TestDeployment(journalistIds: ["alice"], now: start)
        let anchors = [deployment.anchor]
        try await deployment.withPublishedAPI(in: folder, clock: apiClock) { api, store in
            let state = folder.file("covernode")
            let keyStore = try CoverNodeKeyStore(
                directory: state, protection: .passphrase("correct horse", kdf: .testOnly))
            let bootstrap = CoverNodeBootstrap(store: keyStore, api: api, clock: nodeClock)
            let twoHours = Duration.seconds(7200)
            try JSONEncoder().encode(deployment.coverNodeSetupBundle(now: start, validity: twoHours))
                .write(to: URL(fileURLWithPath: folder.file("first.json")))
            let keyring = CoverNodeKeyring(
                keys: try await bootstrap.loadKeys(setupBundlePath: folder.file("first.json")), store: keyStore)
            try await MessagingKeyRotation(keyring: keyring, api: api, clock: nodeClock).run()
            let directory = JournalistDirectory()
            directory.update(from: try await deployment.verifiedKeys(from: api, now: start))
            let node = TestCoverNode(
                keyring: keyring, directory: directory, stateDirectory: state, store: store, api: api)

            let (deadDrop, last) = try await prepare(deployment, node, store)
            let journal = ReleaseJournal(path: state + "/u2j-intent.json", kind: .journalist)
            try journal.record(deadDrop, checkpoint: last)
            try await api.publish(deadDrop)  // stored; the crash comes before the checkpoint moves

            try JSONEncoder().encode(deployment.coverNodeSetupBundle(now: start))
                .write(to: URL(fileURLWithPath: folder.file("second.json")))
            let rotated = try await bootstrap.loadKeys(setupBundlePath: folder.file("second.json"))
            try await keyring.update { $0 = rotated }
            apiClock.advance(by: twoHours + .seconds(30))
            nodeClock.advance(by: twoHours - .seconds(30))

            let publisher: any CoverNodeAPI =
                apiChecksSignatureFirst ? SignatureFirstAPI(api: api, anchors: anchors, clock: apiClock) : api
            let pipeline = try CoverNodePipeline(
                .userToJournalist,
                parameters: MixingParameters(thresholdMin: 1, thresholdMax: 8, timeout: .seconds(3600), outputSize: 6),
                store: store, api: publisher, keyring: keyring, directory: directory, stateDirectory: state,
                settings: TestCoverNode.fastPipeline, clock: nodeClock, logger: TestCoverNode.logger)
            await #expect(throws: Never.self) { try await pipeline.runUntilIdle() }
            try await pipeline.runUntilIdle()
            #expect(try journal.pending() == nil)
            #expect(try await store.checkpoint(consumer: "covernode-u2j") == last)
            let drops = try await api.deadDrops(.journalist, idsGreaterThan: 0).map(\.deadDrop)
            #expect(drops == [deadDrop], "published once, not mixed again")
        }
    }
}

/// An API that verifies a dead drop's signature before looking for an identical stored one, as CoverDrop does.
private struct SignatureFirstAPI: CoverNodeAPI {
    let api: APIClient
    let anchors: [SignedPublicKey<SigningPublicKey<Role.Organization>>]
    let clock: any WallClock

    func publicKeys() async throws -> PublicKeysResponse { try await api.publicKeys() }

    func publish(_ deadDrop: DeadDrop) async throws {
        let keys = VerifiedKeys(try await api.publicKeys(), trustAnchors: anchors, now: clock.now())
        guard deadDrop.isSigned(byAnyOf: keys.allCoverNodeIdentityKeys, at: clock.now()) else {
            throw APIClientError(.status(401), "dead drop signature verification failed")
        }
        try await api.publish(deadDrop)
    }

    func submitKeyUpload(_ form: SignedForm, to path: String) async throws -> Int32 {
        try await api.submitKeyUpload(form, to: path)
    }

    func isStored(_ deadDrop: DeadDrop) async throws -> Bool { try await api.isStored(deadDrop) }
}
