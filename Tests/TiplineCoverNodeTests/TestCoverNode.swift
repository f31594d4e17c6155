import Foundation
import Logging
import TiplineAPIClient
import TiplineCore
import TiplineCoverNode
import TiplineStorage
import TiplineTestSupport

/// A CoverNode brought up through its public parts: key store, setup bundle, first messaging key, journalist
/// directory; then pipelines on demand.
struct TestCoverNode: Sendable {
    let keyring: CoverNodeKeyring
    let directory: JournalistDirectory
    let stateDirectory: String
    let store: any MessageStreamStore
    let api: APIClient

    static let logger = Logger(label: "tipline.covernode.test")
    static let fastPipeline = PipelineSettings(
        batchSize: 7, pollInterval: .milliseconds(20), minimumBackoff: .milliseconds(10),
        maximumBackoff: .milliseconds(50))

    static func start(
        _ deployment: TestDeployment, in folder: TemporaryDirectory, store: any MessageStreamStore, api: APIClient,
        clock: any WallClock = SystemWallClock()
    ) async throws -> TestCoverNode {
        let state = folder.file("covernode")
        let bundlePath = folder.file("setup-bundle.json")
        try JSONEncoder().encode(deployment.coverNodeSetupBundle(now: clock.now())).write(
            to: URL(fileURLWithPath: bundlePath))
        let keyStore = try CoverNodeKeyStore(directory: state, protection: .passphrase("correct horse", kdf: .testOnly))
        let keys = try await CoverNodeBootstrap(store: keyStore, api: api, clock: clock).loadKeys(
            setupBundlePath: bundlePath)
        let keyring = CoverNodeKeyring(keys: keys, store: keyStore)
        try await MessagingKeyRotation(keyring: keyring, api: api, clock: clock).run()
        let directory = JournalistDirectory()
        directory.update(from: try await deployment.verifiedKeys(from: api, now: clock.now()))
        return TestCoverNode(keyring: keyring, directory: directory, stateDirectory: state, store: store, api: api)
    }

    /// Runs `body` with the real API on loopback over a fresh SQLite file, the journalists `journalistIds`
    /// published, and a CoverNode started against it.
    static func withDeployment(
        _ journalistIds: [String],
        _ body: @escaping @Sendable (TestDeployment, TestCoverNode, APIClient, SQLiteStore) async throws -> Void
    ) async throws {
        let folder = try TemporaryDirectory()
        let deployment = try TestDeployment(journalistIds: journalistIds, now: SystemWallClock().now())
        try await deployment.withPublishedAPI(in: folder) { api, store in
            let node = try await start(deployment, in: folder, store: store, api: api)
            try await body(deployment, node, api, store)
        }
    }

    func pipeline(
        _ direction: CoverNodePipeline.Direction, _ parameters: MixingParameters,
        clock: any WallClock = SystemWallClock(), logger: Logger = TestCoverNode.logger
    ) throws -> CoverNodePipeline {
        try CoverNodePipeline(
            direction, parameters: parameters, store: store, api: api, keyring: keyring, directory: directory,
            stateDirectory: stateDirectory, settings: Self.fastPipeline, clock: clock, logger: logger)
    }

    /// The CoverNode keys readers wrap their messages to, as the API publishes them.
    func publishedKeys(_ deployment: TestDeployment) async throws -> [EncryptionPublicKey<Role.CoverNodeMessaging>] {
        try await deployment.verifiedKeys(from: api, now: SystemWallClock().now()).latestCoverNodeMessagingKeys
    }
}
