package import Configuration
package import Logging
import TiplineCore

/// Everything `tipline covernode` reads at start-up: the service's ``CoverNodeSettings`` plus where the API and the
/// streams are. Read through `SettingsSources` (command line > `TIPLINE_*` environment > JSON file > defaults).
///
/// Keys, types and defaults:
/// - `api-url` (string, `http://127.0.0.1:3000`): the API root, without `/v1`.
/// - `database` (string, `./tipline-data/tipline.sqlite`): where the streams are, as for `tipline api`: a SQLite
///   file, or a `postgres://` / `postgresql://` URL.
/// - `state-dir` (string, `./tipline-data/covernode`): key store and intent records (created with mode 0700).
/// - `profile` (string, `production`): `production` or `test` mixing parameters, then per-direction overrides
///   `mixing.u2j.threshold-min`, `mixing.u2j.threshold-max`, `mixing.u2j.timeout-seconds`,
///   `mixing.u2j.output-size`, the buffer bounds `mixing.u2j.buffer-capacity`, `mixing.u2j.per-recipient-capacity`,
///   `mixing.u2j.max-age-hours` and the same under `mixing.j2u.` (ints).
/// - `setup-bundle` (string, none): a CoverNode setup bundle, applied and deleted at start-up.
/// - `covernode.passphrase` (secret string, none; env `TIPLINE_COVERNODE_PASSPHRASE`): encrypts the key store
///   through Argon2id. Without it a random key file (mode 0600) in the state directory is used.
/// - `pipeline.batch-size` (int, `2000`), `pipeline.poll-interval-ms` (int, `1000`), `pipeline.width` (int, one
///   per core), `pipeline.max-backoff-seconds` (int, `60`).
/// - `keys.task-interval-seconds` (int, `60`), `keys.refresh-interval-seconds` (int, `60`).
/// - `streams.retention-hours` (int, `360` = 15 days; more than the 14-day key validity) and
///   `streams.prune-interval-seconds` (int, `3600`): stream messages older than the retention are deleted.
/// - `log.level` (string, `info`).
/// - `metrics.port` (int, none): serve `GET /metrics` (Prometheus text) and `GET /v1/healthcheck` on 127.0.0.1 at
///   this port; `0` picks a free one. Without it the CoverNode listens on nothing.
/// - `fault` (string, none; env `TIPLINE_FAULT`): a crash point for crash tests, see ``FaultInjection``.
package struct CoverNodeServerSettings: Sendable {
    /// Where the two message streams are read from.
    package enum Streams: Sendable, Hashable {
        /// A SQLite file shared with `tipline api` (embedded mode).
        case sqlite(path: String)
        /// A PostgreSQL database (scale mode).
        case postgres(url: String)
    }

    /// The service settings.
    package var service: CoverNodeSettings
    /// The API root.
    package var apiURL: String
    /// The stream store.
    package var streams: Streams
    /// Minimum level of log messages.
    package var logLevel: Logger.Level
    /// The loopback port of the metrics listener, or `nil` for none.
    package var metricsPort: Int?

    /// Creates settings directly.
    package init(
        service: CoverNodeSettings, apiURL: String, streams: Streams, logLevel: Logger.Level = .info,
        metricsPort: Int? = nil
    ) {
        self.service = service
        self.apiURL = apiURL
        self.streams = streams
        self.logLevel = logLevel
        self.metricsPort = metricsPort
    }

    /// Reads the settings.
    /// - Throws: ``CoverNodeError`` with `.invalidSettings` for an unknown profile, log level, fault or a value out
    ///   of range.
    package init(reader: ConfigReader) throws {
        var mixing = try MixingProfile.named(reader.string(forKey: "profile", default: "production"))
        mixing.userToJournalist = try Self.parameters(reader, "mixing.u2j", mixing.userToJournalist)
        mixing.journalistToUser = try Self.parameters(reader, "mixing.j2u", mixing.journalistToUser)
        let protection: CoverNodeKeyStore.Protection =
            reader.string(forKey: "covernode.passphrase", isSecret: true).map { .passphrase($0, kdf: .vault) }
            ?? .keyFile
        let pipeline = PipelineSettings(
            batchSize: try Self.positive(reader, "pipeline.batch-size", 2000),
            pollInterval: .milliseconds(try Self.positive(reader, "pipeline.poll-interval-ms", 1000)),
            width: reader.int(forKey: "pipeline.width"),
            maximumBackoff: .seconds(try Self.positive(reader, "pipeline.max-backoff-seconds", 60)))
        service = CoverNodeSettings(
            stateDirectory: reader.string(forKey: "state-dir", default: "./tipline-data/covernode"), mixing: mixing,
            keyProtection: protection, setupBundlePath: reader.string(forKey: "setup-bundle"), pipeline: pipeline,
            keyTaskInterval: .seconds(try Self.positive(reader, "keys.task-interval-seconds", 60)),
            directoryRefreshInterval: .seconds(try Self.positive(reader, "keys.refresh-interval-seconds", 60)),
            streamRetention: try Self.hours(reader, "streams.retention-hours", 360),
            streamPruneInterval: .seconds(try Self.positive(reader, "streams.prune-interval-seconds", 3600)),
            faults: try FaultInjection.parse(reader.string(forKey: "fault")))
        try service.validate()
        apiURL = reader.string(forKey: "api-url", default: "http://127.0.0.1:3000")
        let database = reader.string(forKey: "database", default: "./tipline-data/tipline.sqlite")
        streams =
            database.hasPrefix("postgres://") || database.hasPrefix("postgresql://")
            ? .postgres(url: database) : .sqlite(path: database)
        let level = reader.string(forKey: "log.level", default: "info")
        guard let logLevel = Logger.Level(rawValue: level.lowercased()) else {
            throw CoverNodeError(
                .invalidSettings, "log.level must be trace, debug, info, notice, warning, error or critical")
        }
        self.logLevel = logLevel
        metricsPort = reader.int(forKey: "metrics.port")
        if let port = metricsPort, !(0...65_535).contains(port) {
            throw CoverNodeError(.invalidSettings, "metrics.port must be between 0 and 65535, got \(port)")
        }
    }

    private static func parameters(
        _ reader: ConfigReader, _ prefix: String, _ base: MixingParameters
    ) throws -> MixingParameters {
        let outputSize = reader.int(forKey: ConfigKey(prefix + ".output-size"), default: base.outputSize)
        let defaults = MixingParameters(
            thresholdMin: base.thresholdMin, thresholdMax: base.thresholdMax, timeout: base.timeout,
            outputSize: outputSize)
        return MixingParameters(
            thresholdMin: reader.int(forKey: ConfigKey(prefix + ".threshold-min"), default: base.thresholdMin),
            thresholdMax: reader.int(forKey: ConfigKey(prefix + ".threshold-max"), default: base.thresholdMax),
            timeout: .seconds(
                try positive(reader, prefix + ".timeout-seconds", Int(base.timeout.components.seconds))),
            outputSize: outputSize,
            bufferCapacity: reader.int(
                forKey: ConfigKey(prefix + ".buffer-capacity"), default: defaults.bufferCapacity),
            perRecipientCapacity: reader.int(
                forKey: ConfigKey(prefix + ".per-recipient-capacity"), default: defaults.perRecipientCapacity),
            maximumAge: try hours(reader, prefix + ".max-age-hours", Int(base.maximumAge.components.seconds) / 3600))
    }

    /// A positive number of hours, at most ten years.
    private static func hours(_ reader: ConfigReader, _ key: String, _ fallback: Int) throws -> Duration {
        let value = try positive(reader, key, fallback)
        guard value <= 87_600 else { throw CoverNodeError(.invalidSettings, "\(key) must be at most 87600 (10 years)") }
        return .seconds(value * 3600)
    }

    private static func positive(_ reader: ConfigReader, _ key: String, _ fallback: Int) throws -> Int {
        let value = reader.int(forKey: ConfigKey(key), default: fallback)
        guard value > 0 else { throw CoverNodeError(.invalidSettings, "\(key) must be positive, got \(value)") }
        return value
    }
}
