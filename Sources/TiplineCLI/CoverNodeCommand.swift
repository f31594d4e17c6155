import ArgumentParser
import TiplineCoverNode
import TiplineServer

/// `tipline covernode`: decrypts the two message streams, drops cover, mixes, and publishes signed dead drops.
///
/// Settings come from these options, then `TIPLINE_*` environment variables (the key-store passphrase is
/// `TIPLINE_COVERNODE_PASSPHRASE`), then `--config`, then defaults (every key is listed on
/// `CoverNodeServerSettings`).
struct CoverNodeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "covernode", abstract: "Run the CoverNode: mix reader and journalist messages into dead drops.")

    @Option(help: "The API root, without /v1 (default http://127.0.0.1:3000).")
    var apiURL: String?

    @Option(help: "Key store and intent records (default ./tipline-data/covernode).")
    var stateDir: String?

    @Option(
        help: "Read the message streams from this SQLite file (default: the `database` setting, as for tipline api).")
    var sqlite: String?

    @Option(help: "Read the message streams from PostgreSQL instead (postgres://...).")
    var postgresURL: String?

    @Option(help: "Mixing parameters: production (default) or test.")
    var profile: String?

    @Option(help: "A CoverNode setup bundle from `tipline admin`; applied, then deleted.")
    var setupBundle: String?

    @Option(help: "trace, debug, info, notice, warning, error or critical (default info).")
    var logLevel: String?

    @Option(help: "Serve GET /metrics and /v1/healthcheck on this loopback port (default: no listener).")
    var metricsPort: Int?

    @Option(help: "A JSON settings file (keys as on CoverNodeServerSettings).")
    var config: String?

    func validate() throws {
        if sqlite != nil, postgresURL != nil { throw ValidationError("Give --sqlite or --postgres-url, not both.") }
    }

    func run() async throws {
        ServerLogging.bootstrap()
        let overrides: [String: String?] = [
            "api-url": apiURL, "state-dir": stateDir, "database": sqlite ?? postgresURL, "profile": profile,
            "setup-bundle": setupBundle, "log.level": logLevel, "metrics.port": metricsPort.map(String.init),
        ]
        let reader = try await SettingsSources.reader(overrides: overrides.compactMapValues { $0 }, configFile: config)
        try await CoverNodeServer.run(settings: CoverNodeServerSettings(reader: reader))
    }
}
