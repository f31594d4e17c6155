import Foundation
import Logging
import TiplineAPIClient
import TiplineCore
import TiplineCoverNode
import TiplineStorage
import TiplineTestSupport

/// The real CoverNode (`TiplineCoverNode`) for a ``ReaderDeployment``: both pipelines over the API's store, publishing
/// through the API over HTTP, on the API's virtual clock, run step by step with `runUntilIdle()`.
///
/// The mixing thresholds release as soon as `releaseAfter` inputs arrived, so a test decides when dead drops appear
/// without waiting for timeouts (the virtual clock does not move inside a run).
struct CoverNodeRunner {
    private let userToJournalist: CoverNodePipeline
    private let journalistToUser: CoverNodePipeline

    init(api: ReaderDeployment, userMessagesPerRelease: Int, repliesPerRelease: Int) async throws {
        let hierarchy = api.hierarchy
        let now = api.clock.now()
        let identityKey = hierarchy.coverNodeIdentityKey
        let messagingKey = hierarchy.coverNodeMessagingKey
        let identityEpoch = try await api.store.epoch(ofKeyHex: identityKey.key.hex, role: .coverNodeIdentity)
        let messagingEpoch = try await api.store.epoch(ofKeyHex: messagingKey.key.hex, role: .coverNodeMessaging)
        let keys = CoverNodeKeys(
            coverNodeId: "covernode_001", trustAnchors: [hierarchy.anchor],
            identities: [
                .init(
                    keyPair: hierarchy.coverNodeIdentity, certificate: identityKey, epoch: identityEpoch, addedAt: now)
            ],
            messaging: [
                .init(
                    keyPair: hierarchy.coverNodeMessaging, certificate: messagingKey, epoch: messagingEpoch,
                    addedAt: now)
            ])
        let keyring = CoverNodeKeyring(keys: keys, store: nil)
        let directory = JournalistDirectory()
        directory.update(from: hierarchy.keys.verifiedKeys())
        let client = APIClient(baseURL: api.baseURL.absoluteString)
        let state = api.folder.appendingPathComponent("covernode")
        try FileManager.default.createDirectory(at: state, withIntermediateDirectories: true)
        var logger = Logger(label: "tipline.client-tests.covernode")
        logger.logLevel = .error
        func pipeline(
            _ direction: CoverNodePipeline.Direction, _ parameters: MixingParameters
        ) throws -> CoverNodePipeline {
            try CoverNodePipeline(
                direction, parameters: parameters, store: api.store, api: client, keyring: keyring,
                directory: directory,
                stateDirectory: state.path, settings: PipelineSettings(), clock: api.clock, logger: logger)
        }
        userToJournalist = try pipeline(
            .userToJournalist,
            MixingParameters(
                thresholdMin: 1, thresholdMax: userMessagesPerRelease, timeout: .seconds(3600), outputSize: 10))
        journalistToUser = try pipeline(
            .journalistToUser,
            MixingParameters(thresholdMin: 1, thresholdMax: repliesPerRelease, timeout: .seconds(3600), outputSize: 5))
    }

    /// Processes both streams: releases what reached its threshold as signed dead drops through the API.
    func run() async throws {
        try await userToJournalist.runUntilIdle()
        try await journalistToUser.runUntilIdle()
    }
}
