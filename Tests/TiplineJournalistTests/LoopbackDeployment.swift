import Foundation
import Testing
import TiplineAPIClient
import TiplineCore
import TiplineStorage
import TiplineTestSupport

/// The real Tipline API on a loopback port over a SQLite file, seeded with a test organisation's provisioning
/// and CoverNode keys. The test plays the CoverNode (it publishes signed dead drops, as the CoverNode does) and
/// the readers.
struct LoopbackDeployment: Sendable {
    let api: APIClient
    let store: SQLiteStore
    let organization: TestKeyHierarchy
    let clock: ManualWallClock
    let directory: TemporaryDirectory
    /// The epoch of the CoverNode's keys, for the dead drops it publishes.
    let coverNodeEpoch: Int32

    static func run<T: Sendable>(
        coverNodeIdentityValidity: Duration = KeyLifetimes.coverNodeIdentity,
        _ body: (LoopbackDeployment) async throws -> T
    ) async throws -> T {
        let clock = ManualWallClock(start: SystemWallClock().now())
        let organization = try TestKeyHierarchy(
            now: clock.now(), coverNodeIdentityValidity: coverNodeIdentityValidity)
        return try await LoopbackAPI.run(trustAnchors: [organization.anchor], clock: clock) { loopback in
            try await organization.publishProvisioningKeys(to: loopback.client, now: clock.now())
            let epoch = try await organization.publishCoverNodeKeys(to: loopback.client, now: clock.now())
            return try await body(
                LoopbackDeployment(
                    api: loopback.client, store: loopback.store, organization: organization, clock: clock,
                    directory: loopback.directory, coverNodeEpoch: epoch))
        }
    }

    /// The published hierarchy, verified as a reader would.
    func verifiedKeys() async throws -> VerifiedKeys {
        VerifiedKeys(try await api.publicKeys(), trustAnchors: [organization.anchor], now: clock.now())
    }

    /// The test's CoverNode, with the organisation's CoverNode keys.
    var coverNode: CoverNodeStandIn { CoverNodeStandIn(organization) }

    /// What a reader's message becomes by the time it is in a journalist dead drop: a U2C built by the core for the
    /// journalist's latest published key, opened by the CoverNode and boxed (C2J) to that key.
    func c2j(_ text: String, from reader: EncryptionKeyPair<Role.User>, to journalistId: String) async throws -> [UInt8]
    {
        try coverNode.deliver(text, from: reader, to: journalistId, keys: try await verifiedKeys())
    }

    /// Publishes a journalist dead drop holding `messages` among fillers, shuffled, signed by the CoverNode.
    func publishDeadDrop(_ messages: [[UInt8]], size: Int = 10, epoch: Int32? = nil) async throws {
        try await api.publish(deadDrop(messages, size: size, epoch: epoch))
    }

    /// A journalist dead drop holding `messages` among fillers, shuffled, signed by `identity` (by default the
    /// CoverNode's) now.
    func deadDrop(
        _ messages: [[UInt8]], size: Int = 10, epoch: Int32? = nil,
        signedBy identity: SigningKeyPair<Role.CoverNodeIdentity>? = nil
    ) throws -> DeadDrop {
        try coverNode.journalistDeadDrop(
            messages, size: size, createdAt: clock.now(), epoch: epoch ?? coverNodeEpoch, signedBy: identity)
    }

    /// Every J2C the API has put in the journalist → CoverNode stream, oldest first.
    func journalistMessages() async throws -> [[UInt8]] {
        try await store.read(.journalistToCoverNode, after: 0, limit: 1000).map { Array($0.message) }
    }

    /// Opens a J2C as the CoverNode does.
    func openJ2C(_ message: [UInt8]) throws -> JournalistToCoverNodeMessage {
        try coverNode.open(journalistMessage: message)
    }
}
