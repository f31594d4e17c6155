import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import TiplineAPI
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
        _ body: @escaping @Sendable (LoopbackDeployment) async throws -> T
    ) async throws -> T {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let clock = ManualWallClock(start: SystemWallClock().now())
        let organization = try TestKeyHierarchy(
            now: clock.now(), coverNodeIdentityValidity: coverNodeIdentityValidity)
        let database = directory.file("api.sqlite")
        let store = try SQLiteStore(path: database)
        defer { try? store.close() }
        let app = buildApplication(
            settings: APISettings(port: 0, database: database), store: store, trustAnchors: [organization.anchor],
            clock: clock)
        return try await app.test(.live) { client in
            let port = try #require(client.port)
            let api = APIClient(baseURL: "http://127.0.0.1:\(port)")
            let epoch = try await seed(api, organization, now: clock.now())
            return try await body(
                LoopbackDeployment(
                    api: api, store: store, organization: organization, clock: clock, directory: directory,
                    coverNodeEpoch: epoch))
        }
    }

    /// Uploads the provisioning keys and the CoverNode's keys through signed forms, as the key ceremony and the
    /// CoverNode do. Returns the epoch of the CoverNode's newest key.
    private static func seed(_ api: APIClient, _ organization: TestKeyHierarchy, now: Timestamp) async throws -> Int32 {
        try await api.submit(
            SignedForm.sign(organization.journalistProvisioningKey.json, with: organization.organization, now: now),
            to: "/v1/public-keys/journalists/provisioning-public-key")
        try await api.submit(
            SignedForm.sign(organization.coverNodeProvisioningKey.json, with: organization.organization, now: now),
            to: "/v1/public-keys/covernode/provisioning-public-key")
        let identityEpoch = try await api.submitKeyUpload(
            SignedForm.sign(
                PostCoverNodeIdentityKeyBody(
                    covernodeId: "covernode_001", covernodeIdPk: organization.coverNodeIdentityKey.json),
                with: organization.coverNodeProvisioning, now: now),
            to: "/v1/public-keys/covernode/identity-public-key")
        let messagingEpoch = try await api.submitKeyUpload(
            SignedForm.sign(organization.coverNodeMessagingKey.json, with: organization.coverNodeIdentity, now: now),
            to: "/v1/public-keys/covernode/messaging-public-key")
        return max(identityEpoch, messagingEpoch)
    }

    /// The published hierarchy, verified as a reader would.
    func verifiedKeys() async throws -> VerifiedKeys {
        VerifiedKeys(try await api.publicKeys(), trustAnchors: [organization.anchor], now: clock.now())
    }

    /// What a reader's message becomes by the time it is in a journalist dead drop: a U2C built by the core for the
    /// journalist's latest published key, opened by the CoverNode and boxed (C2J) to that key.
    func c2j(_ text: String, from reader: EncryptionKeyPair<Role.User>, to journalistId: String) async throws -> [UInt8]
    {
        let keys = try await verifiedKeys()
        let journalistKey = try #require(keys.latestMessagingKey(forJournalist: journalistId))
        let u2c = try UserToCoverNodeMessage.seal(
            text: text, replyKey: reader.publicKey, journalistId: journalistId, journalistKey: journalistKey,
            coverNodeKeys: keys.latestCoverNodeMessagingKeys)
        guard
            case .real(let tag, let sealed) = try UserToCoverNodeMessage.open(
                u2c, with: organization.coverNodeMessaging)
        else { throw TestFailure("the CoverNode saw cover") }
        #expect(tag == (try RecipientTag(journalistId: journalistId)))
        return try CoverNodeToJournalistMessage.seal(sealed, from: organization.coverNodeMessaging, to: journalistKey)
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
        var all = messages
        while all.count < size {
            all.append(try CoverNodeToJournalistMessage.filler(from: organization.coverNodeMessaging))
        }
        SecureRandom.shuffle(&all)
        return try DeadDrop.sign(
            kind: .journalist, messages: all, createdAt: clock.now(), epoch: epoch ?? coverNodeEpoch,
            with: identity ?? organization.coverNodeIdentity)
    }

    /// Every J2C the API has put in the journalist → CoverNode stream, oldest first.
    func journalistMessages() async throws -> [[UInt8]] {
        try await store.read(.journalistToCoverNode, after: 0, limit: 1000).map { Array($0.message) }
    }

    /// Opens a J2C as the CoverNode does.
    func openJ2C(_ message: [UInt8]) throws -> JournalistToCoverNodeMessage {
        try JournalistToCoverNodeMessage.open(message, with: organization.coverNodeMessaging)
    }
}
