import ArgumentParser
import TiplineAPI
import TiplineServer

/// `tipline api`: the CoverDrop v1 REST API and the appender, on SQLite (default) or PostgreSQL.
///
/// Settings come from these options, then `TIPLINE_*` environment variables, then `--config`, then defaults
/// (every key is listed on `APISettings`).
struct APICommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "api", abstract: "Serve the CoverDrop v1 API and the appender (POST /user/messages).")

    @Option(help: "Address to bind (default 127.0.0.1).")
    var host: String?

    @Option(help: "Port to bind (default 3000).")
    var port: Int?

    @Option(help: "A SQLite file (default ./tipline-data/tipline.sqlite) or a postgres:// URL.")
    var database: String?

    @Option(help: "A JSON array of trusted, self-signed organisation keys.")
    var trustAnchors: String?

    @Option(help: "The journalist apps preselect, published when it has keys.")
    var defaultJournalistId: String?

    @Option(help: "trace, debug, info, notice, warning, error or critical (default info).")
    var logLevel: String?

    @Option(help: "Serve GET /metrics on this loopback port (never on the API's port; 0 picks a free one).")
    var metricsPort: Int?

    @Option(help: "A JSON settings file (keys as on APISettings).")
    var config: String?

    func run() async throws {
        ServerLogging.bootstrap()
        let overrides: [String: String?] = [
            "http.host": host, "http.port": port.map(String.init), "database": database, "trust-anchors": trustAnchors,
            "default-journalist-id": defaultJournalistId, "log.level": logLevel,
            "metrics.port": metricsPort.map(String.init),
        ]
        let settings = try await APISettings.load(overrides: overrides.compactMapValues { $0 }, configFile: config)
        try await APIServer.run(settings: settings)
    }
}
