import AsyncHTTPClient
package import Foundation
import Logging
import ServiceLifecycle
import TiplineAPI
package import TiplineAPIClient
package import TiplineCore
import TiplineServer
package import TiplineStorage

/// The real API (`TiplineAPI`'s `buildApplication`) on a free loopback port over a SQLite file, for the length of a
/// test: ``run(in:trustAnchors:clock:prepare:_:)`` for a scope, ``start(in:trustAnchors:clock:prepare:)`` and
/// ``stop()`` otherwise.
package final class LoopbackAPI: Sendable {
    /// The folder of the database (`api.sqlite`), where a test may keep its other files.
    package let directory: TemporaryDirectory
    /// The API's store (a test may read or seed it directly).
    package let store: SQLiteStore
    /// The API's root URL, `http://127.0.0.1:<port>` (without `/v1`).
    package let baseURL: URL
    /// A client of the API with its own HTTP client, shut down by ``stop()`` so that no idle keep-alive connection
    /// keeps the server waiting when it stops.
    package let client: APIClient
    private let http: HTTPClient
    private let services: ServiceGroup
    private let server: Task<Void, any Error>

    private init(
        directory: TemporaryDirectory, store: SQLiteStore, baseURL: URL, services: ServiceGroup,
        server: Task<Void, any Error>
    ) {
        self.directory = directory
        self.store = store
        self.baseURL = baseURL
        self.services = services
        self.server = server
        http = HTTPClient(eventLoopGroupProvider: .singleton)
        client = APIClient(baseURL: baseURL.absoluteString, http: http)
    }

    /// Opens `api.sqlite` in `directory` (a fresh folder unless given), runs `prepare` on the store, and starts the
    /// API on it with `trustAnchors` and `clock`; returns once it listens.
    /// - Throws: ``TestFailure`` when the server does not start.
    package static func start(
        in directory: TemporaryDirectory? = nil, trustAnchors: [SignedPublicKey<SigningPublicKey<Role.Organization>>],
        clock: any WallClock = SystemWallClock(), prepare: (SQLiteStore) async throws -> Void = { _ in }
    ) async throws -> LoopbackAPI {
        let directory = try directory ?? TemporaryDirectory()
        let database = directory.file("api.sqlite")
        let store = try SQLiteStore(path: database)
        var settings = APISettings(port: 0, database: database)
        settings.http.logLevel = .error
        var logger = Logger(label: "tipline.tests.api")
        logger.logLevel = .error
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let services: ServiceGroup
        do {
            try await prepare(store)
            let app = buildApplication(
                settings: settings, store: store, trustAnchors: trustAnchors, clock: clock,
                onServerRunning: { port in continuation.yield(port) })
            services = ServiceGroup(configuration: .init(services: [app], logger: logger))
        } catch {
            try? store.close()
            throw error
        }
        let server = Task {
            defer { continuation.finish() }
            try await services.run()
        }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next(), let baseURL = URL(string: "http://127.0.0.1:\(port)") else {
            await services.triggerGracefulShutdown()
            let failure = await server.result
            try? store.close()
            throw TestFailure("the API did not start: \(failure)")
        }
        return LoopbackAPI(directory: directory, store: store, baseURL: baseURL, services: services, server: server)
    }

    /// Shuts the client and then the server down gracefully (the appender drains) and closes the store. The folder
    /// goes when the last reference to it does.
    package func stop() async {
        try? await http.shutdown()
        await services.triggerGracefulShutdown()
        _ = await server.result
        try? store.close()
    }

    /// Starts an API as ``start(in:trustAnchors:clock:prepare:)`` does, runs `body` with it and stops it whatever
    /// happens.
    package static func run<T>(
        in directory: TemporaryDirectory? = nil, trustAnchors: [SignedPublicKey<SigningPublicKey<Role.Organization>>],
        clock: any WallClock = SystemWallClock(), prepare: (SQLiteStore) async throws -> Void = { _ in },
        _ body: (LoopbackAPI) async throws -> T
    ) async throws -> T {
        let api = try await start(in: directory, trustAnchors: trustAnchors, clock: clock, prepare: prepare)
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
