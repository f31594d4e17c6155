import Foundation
import TiplineClient
import TiplineCore
import TiplineStorage
import TiplineTestSupport

/// The real API on loopback (``LoopbackAPI``) on the same virtual clock as the reader apps, with `hierarchy` (keys
/// and visible profiles) written into its store before it starts.
struct ReaderDeployment: Sendable {
    /// The running API.
    let api: LoopbackAPI
    let clock: ManualWallClock
    let hierarchy: TestHierarchy

    var store: SQLiteStore { api.store }
    var baseURL: URL { api.baseURL }
    /// The API's temporary folder, where apps and the CoverNode keep their state.
    var folder: URL { api.directory.url }

    /// A development configuration for a reader app of this API (cheap KDF, production schedule).
    var clientConfiguration: ClientConfiguration {
        ClientConfiguration(
            environment: .development, apiBaseURL: baseURL.appendingPathComponent("v1"), messageBaseURL: baseURL,
            trustAnchors: [hierarchy.anchor], vaultKDF: .testOnly)
    }

    /// Starts an API for `journalists` at `start`, runs `body` and stops the API whatever happens.
    static func with<T>(
        start: Timestamp = Timestamp(seconds: 1_900_000_000),
        journalists: [(id: String, messagingKeys: Int)] = [("alice", 2)],
        _ body: (ReaderDeployment) async throws -> T
    ) async throws -> T {
        let clock = ManualWallClock(start: start)
        let hierarchy = try TestHierarchy(now: start, journalists: journalists)
        return try await LoopbackAPI.run(
            trustAnchors: [hierarchy.anchor], clock: clock, prepare: { try await publish(hierarchy, in: $0) }
        ) { api in
            try await body(ReaderDeployment(api: api, clock: clock, hierarchy: hierarchy))
        }
    }

    /// Runs `body` on a default deployment with an app called `name` that has started (its first run).
    static func withStartedApp<T>(
        named name: String, _ body: (ReaderDeployment, AppUnderTest) async throws -> T
    ) async throws -> T {
        try await with { api in
            let app = try AppUnderTest(name: name, api: api)
            try await app.client.start()
            return try await body(api, app)
        }
    }

    private static func publish(_ hierarchy: TestHierarchy, in store: SQLiteStore) async throws {
        let now = hierarchy.now.microseconds
        func row<K: PublicKeyProtocol>(
            _ key: SignedPublicKey<K>, _ role: PublishedKeyRole, parent: (any PublicKeyProtocol)?, owner: String?
        ) -> PublishedKey {
            PublishedKey(
                role: role, keyHex: key.key.hex, certificateHex: key.certificate.hex,
                notValidAfter: key.notValidAfter.rfc3339, notValidAfterMicros: key.notValidAfter.microseconds,
                parentKeyHex: parent?.hex, ownerId: owner, addedAtMicros: now)
        }
        var rows = [
            row(hierarchy.anchor, .organization, parent: nil, owner: nil),
            row(hierarchy.coverNodeProvisioningKey, .coverNodeProvisioning, parent: hierarchy.anchor.key, owner: nil),
            row(
                hierarchy.coverNodeIdentityKey, .coverNodeIdentity, parent: hierarchy.coverNodeProvisioningKey.key,
                owner: "covernode_001"),
            row(
                hierarchy.coverNodeMessagingKey, .coverNodeMessaging, parent: hierarchy.coverNodeIdentityKey.key,
                owner: "covernode_001"),
            row(hierarchy.journalistProvisioningKey, .journalistProvisioning, parent: hierarchy.anchor.key, owner: nil),
        ]
        for journalist in hierarchy.journalists {
            rows.append(
                row(
                    journalist.identityKey, .journalistIdentity, parent: hierarchy.journalistProvisioningKey.key,
                    owner: journalist.id))
            rows += journalist.messagingKeys.map {
                row($0, .journalistMessaging, parent: journalist.identityKey.key, owner: journalist.id)
            }
        }
        for key in rows { _ = try await store.insert(key) }
        for profile in try hierarchy.profiles() {
            try await store.upsertProfile(
                StoredJournalistProfile(
                    id: profile.id, displayName: profile.displayName, sortName: profile.sortName,
                    description: profile.description, isDesk: profile.isDesk, status: profile.status,
                    tagHex: profile.tag))
        }
    }
}
