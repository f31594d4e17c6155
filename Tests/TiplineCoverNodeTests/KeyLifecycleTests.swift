import Foundation
import Testing
import TiplineAPIClient
import TiplineCore
import TiplineCoverNode
import TiplineTestSupport

/// Bootstrap from a setup bundle and messaging-key rotation against the real API on loopback.
@Suite struct KeyLifecycleTests {
    @Test func aSetupBundleIsUploadedStoredAndDeleted() async throws {
        let folder = try TemporaryDirectory()
        let clock = SystemWallClock()
        let deployment = try TestDeployment(journalistIds: ["alice"], now: clock.now())
        try await deployment.withPublishedAPI(in: folder) { api, _ in
            let bundle = folder.file("bundle.json")
            try JSONEncoder().encode(deployment.coverNodeSetupBundle(now: clock.now())).write(
                to: URL(fileURLWithPath: bundle))
            let store = try CoverNodeKeyStore(directory: folder.file("state"), protection: .keyFile)
            let keys = try await CoverNodeBootstrap(store: store, api: api, clock: clock).loadKeys(
                setupBundlePath: bundle)
            #expect(!FileManager.default.fileExists(atPath: bundle))
            let identity = try #require(keys.identities.first)
            #expect(keys.identities.count == 1 && identity.epoch != nil)
            #expect(keys.trustAnchors == [deployment.anchor])
            let published = try await deployment.verifiedKeys(from: api, now: clock.now()).coverNodes["covernode_001"]
            #expect(published?.map(\.identityKey) == [identity.certificate])

            let again = try await CoverNodeBootstrap(store: store, api: api, clock: clock).loadKeys(
                setupBundlePath: bundle)
            #expect(again.identities.map(\.keyPair.seed) == [identity.keyPair.seed])
            #expect(again.identities.map(\.epoch) == [identity.epoch])
        }
    }

    /// Issue 13, item 15: the CoverNode records its identity key's own epoch (the API's answer to the upload), never
    /// the hierarchy's unsigned `max_epoch`, also when the first upload's answer was lost.
    @Test func aBundleWhoseUploadAnswerWasLostGetsTheKeysOwnEpoch() async throws {
        let folder = try TemporaryDirectory()
        let clock = SystemWallClock()
        let deployment = try TestDeployment(journalistIds: ["alice"], now: clock.now())
        try await deployment.withPublishedAPI(in: folder) { api, _ in
            let setup = try deployment.coverNodeSetupBundle(now: clock.now())
            // The upload went through, but its answer was lost in a crash.
            let epoch = try await api.submitKeyUpload(
                setup.uploadIdentityKeyForm, to: "/v1/public-keys/covernode/identity-public-key")
            // Meanwhile another CoverNode bootstraps: max_epoch moves past this key's epoch.
            let other = try deployment.coverNodeSetupBundle(id: "covernode_002", now: clock.now())
            let later = try await api.submitKeyUpload(
                other.uploadIdentityKeyForm, to: "/v1/public-keys/covernode/identity-public-key")
            #expect(later > epoch)

            let bundle = folder.file("bundle.json")
            try JSONEncoder().encode(setup).write(to: URL(fileURLWithPath: bundle))
            let store = try CoverNodeKeyStore(directory: folder.file("state"), protection: .keyFile)
            let keys = try await CoverNodeBootstrap(store: store, api: api, clock: clock).loadKeys(
                setupBundlePath: bundle)
            #expect(keys.identities.map(\.epoch) == [epoch])
            #expect(try store.load()?.identities.map(\.epoch) == [epoch])
            #expect(!FileManager.default.fileExists(atPath: bundle))
        }
    }

    @Test func withoutKeyStoreOrBundleStartUpFailsClearly() async throws {
        let folder = try TemporaryDirectory()
        let store = try CoverNodeKeyStore(directory: folder.file("state"), protection: .keyFile)
        let api = APIClient(baseURL: "http://127.0.0.1:9")
        await #expect(throws: CoverNodeError.self) {
            try await CoverNodeBootstrap(store: store, api: api, clock: SystemWallClock())
                .loadKeys(setupBundlePath: folder.file("missing.json"))
        }
        try Data("{}".utf8).write(to: URL(fileURLWithPath: folder.file("bad.json")))
        await #expect(throws: CoverNodeError.self) {
            try await CoverNodeBootstrap(store: store, api: api, clock: SystemWallClock())
                .loadKeys(setupBundlePath: folder.file("bad.json"))
        }
    }

    @Test func messagingKeysRotateWeeklyAndOnlyPublishedKeysSend() async throws {
        let folder = try TemporaryDirectory()
        let clock = ManualWallClock(start: SystemWallClock().now())
        let deployment = try TestDeployment(journalistIds: ["alice"], now: clock.now())
        try await deployment.withPublishedAPI(in: folder, clock: clock) { api, store in
            let node = try await TestCoverNode.start(deployment, in: folder, store: store, api: api, clock: clock)
            let rotation = MessagingKeyRotation(keyring: node.keyring, api: api, clock: clock)
            let first = try #require(await node.keyring.current.sendingKey(at: clock.now()))
            #expect(try await rotation.run() == nil, "no new key before a week")

            clock.advance(by: KeyLifetimes.coverNodeMessagingRotation + .seconds(1))
            let epoch = try #require(try await rotation.run())
            let keys = await node.keyring.current
            let second = try #require(keys.sendingKey(at: clock.now()))
            #expect(second.epoch == epoch && epoch > (first.epoch ?? .max))
            #expect(second.keyPair.publicKey != first.keyPair.publicKey)
            #expect(
                keys.decryptionKeys(at: clock.now()).map(\.publicKey) == [
                    second.keyPair.publicKey, first.keyPair.publicKey,
                ])
            let publishedKeys = Set(
                try await deployment.verifiedKeys(from: api, now: clock.now()).allCoverNodeMessagingKeys.map(\.key))
            #expect(publishedKeys == [first.keyPair.publicKey, second.keyPair.publicKey])

            clock.advance(by: KeyLifetimes.coverNodeMessagingRotation)
            try await rotation.run()
            let later = await node.keyring.current
            #expect(
                !later.messaging.contains { $0.keyPair.publicKey == first.keyPair.publicKey },
                "expired keys are dropped")
            #expect(later.messaging.count == 2)

            clock.advance(by: KeyLifetimes.coverNodeMessagingRotation)
            try await rotation.run()
            let capped = try #require(await node.keyring.current.sendingKey(at: clock.now()))
            let identity = try #require(await node.keyring.current.signingIdentity(at: clock.now()))
            #expect(capped.certificate.notValidAfter == identity.certificate.notValidAfter, "capped by the identity")
        }
    }
}
