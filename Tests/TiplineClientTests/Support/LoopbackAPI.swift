import Foundation
import Hummingbird
import Logging
import ServiceLifecycle
import TiplineAPI
import TiplineClient
import TiplineCore
import TiplineServer
import TiplineStorage
import TiplineTestSupport

/// The real API (`TiplineAPI` over a SQLite store in a temporary folder) on a loopback port, running on the same
/// virtual clock as the clients, with `hierarchy` published in its store.
final class LoopbackAPI: Sendable {
    let clock: ManualWallClock
    let hierarchy: TestHierarchy
    let store: SQLiteStore
    let baseURL: URL
    let folder: URL
    private let services: ServiceGroup
    private let server: Task<Void, any Error>

    private init(
        clock: ManualWallClock, hierarchy: TestHierarchy, store: SQLiteStore, baseURL: URL, folder: URL,
        services: ServiceGroup, server: Task<Void, any Error>
    ) {
        self.clock = clock
        self.hierarchy = hierarchy
        self.store = store
        self.baseURL = baseURL
        self.folder = folder
        self.services = services
        self.server = server
    }

    /// Publishes the hierarchy and profiles, starts the server on a free port and waits until it listens.
    static func start(clock: ManualWallClock, hierarchy: TestHierarchy) async throws -> LoopbackAPI {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "tipline-client-api-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let database = folder.appendingPathComponent("api.sqlite").path
        let store = try SQLiteStore(path: database)
        try await publish(hierarchy, in: store)
        var settings = APISettings(port: 0, database: database)
        settings.http.logLevel = .error
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let app = buildApplication(
            settings: settings, store: store, trustAnchors: [hierarchy.anchor], clock: clock,
            onServerRunning: { port in continuation.yield(port) })
        var logger = Logger(label: "tipline.client-tests")
        logger.logLevel = .error
        let services = ServiceGroup(configuration: .init(services: [app], logger: logger))
        let server = Task { try await services.run() }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next(), let url = URL(string: "http://127.0.0.1:\(port)") else {
            await services.triggerGracefulShutdown()
            throw ClientError(.network, "the API did not start")
        }
        return LoopbackAPI(
            clock: clock, hierarchy: hierarchy, store: store, baseURL: url, folder: folder, services: services,
            server: server)
    }

    /// Shuts the server down gracefully (its appender drains) and removes its folder.
    func stop() async {
        await services.triggerGracefulShutdown()
        _ = await server.result
        try? store.close()
        try? FileManager.default.removeItem(at: folder)
    }

    /// A development configuration for a reader app of this API (cheap KDF, production schedule).
    var clientConfiguration: ClientConfiguration {
        ClientConfiguration(
            environment: .development, apiBaseURL: baseURL.appendingPathComponent("v1"), messageBaseURL: baseURL,
            trustAnchors: [hierarchy.anchor], vaultKDF: .testOnly)
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

extension LoopbackAPI {
    /// Starts an API for `journalists` at `start`, runs `body` and stops the API whatever happens.
    static func with<T>(
        start: Timestamp = Timestamp(seconds: 1_900_000_000),
        journalists: [(id: String, messagingKeys: Int)] = [("alice", 2)],
        _ body: (LoopbackAPI) async throws -> T
    ) async throws -> T {
        let api = try await LoopbackAPI.start(
            clock: ManualWallClock(start: start), hierarchy: try TestHierarchy(now: start, journalists: journalists))
        do {
            let result = try await body(api)
            await api.stop()
            return result
        } catch {
            await api.stop()
            throw error
        }
    }
}
