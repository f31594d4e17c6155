import Foundation
import Logging
import PostgresNIO
import ServiceLifecycle
import TiplineAPIClient
import TiplineServer
import TiplineStorage

/// Runs `tipline covernode` from its settings: opens the stream store, then runs ``CoverNodeService`` until SIGTERM
/// or SIGINT (graceful: the release being published is finished; an interrupted one is finished at the next start).
public enum CoverNodeServer {
    /// Runs until a signal stops it.
    public static func run(settings: CoverNodeServerSettings) async throws {
        let control = LogLevelControl(settings.logLevel)
        let logger = control.logger(label: "tipline.covernode")
        let api = APIClient(baseURL: settings.apiURL)
        let registry = GlobalMetrics.registry()
        let listener = MetricsListener.service(
            name: "covernode", port: settings.metricsPort, registry: registry, logger: logger)
        /// Runs the service (and the metrics listener, stopped first) on `store`.
        func serve(_ store: any MessageStreamStore) async throws {
            let service = CoverNodeService(settings: settings.service, store: store, api: api, logger: logger)
            try await ServiceRunner.run([service] + [listener].compactMap { $0 }, logger: logger)
        }
        switch settings.streams {
        case .postgres(let url):
            let connection = try PostgresConnectionSettings(url: url)
            let client = PostgresClient(configuration: connection.clientConfiguration(), backgroundLogger: logger)
            let store = PostgresStore(client: client, logger: logger)
            try await withThrowingDiscardingTaskGroup { group in
                group.addTask { await client.run() }
                try await store.migrate()
                try await serve(store)
                group.cancelAll()
            }
        case .sqlite(let path):
            let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
            try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            let store = try SQLiteStore(path: path)
            defer { try? store.close() }
            try await serve(store)
        }
    }
}
