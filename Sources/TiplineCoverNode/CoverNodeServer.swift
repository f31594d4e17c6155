import Foundation
import Logging
import PostgresNIO
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
        switch settings.streams {
        case .postgres(let url):
            let connection = try PostgresConnectionSettings(url: url)
            let client = PostgresClient(configuration: connection.clientConfiguration(), backgroundLogger: logger)
            let store = PostgresStore(client: client, logger: logger)
            try await withThrowingDiscardingTaskGroup { group in
                group.addTask { await client.run() }
                try await store.migrate()
                let service = CoverNodeService(settings: settings.service, store: store, api: api, logger: logger)
                try await ServiceRunner.run([service], logger: logger)
                group.cancelAll()
            }
        case .sqlite(let path):
            let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
            try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            let store = try SQLiteStore(path: path)
            defer { try? store.close() }
            let service = CoverNodeService(settings: settings.service, store: store, api: api, logger: logger)
            try await ServiceRunner.run([service], logger: logger)
        }
    }
}
