package import Configuration
import TiplineCore
package import TiplineServer

/// Everything `tipline api` can be configured with, read once at start-up (see ``SettingsSources`` for precedence
/// and for the environment and file forms of each key).
///
/// Keys, types and defaults:
/// - `http.host` (string, `127.0.0.1`), `http.port` (int, `3000`), `log.level` (string, `info`): see ``HTTPSettings``.
/// - `database` (string, `./tipline-data/tipline.sqlite`): a SQLite file path, or a `postgres://` URL.
/// - `trust-anchors` (string, none): path of a JSON array of self-signed organisation keys. Required by `tipline api`.
/// - `default-journalist-id` (string, none): published as `default_journalist_id` when that journalist has keys.
/// - `dead-drops.user-limit` (int, `360`) and `dead-drops.journalist-limit` (int, `24`): the most dead drops one
///   `GET` returns; a `limit` query parameter may only lower them.
/// - `dead-drops.retention-hours` (int, `336` = 14 days): dead drops older than this are deleted.
/// - `retention.interval-seconds` (int, `1800`): how often expired dead drops, keys and form signatures are pruned.
/// - `limits.appender-body` (int, `8192`), `limits.dead-drop-body` (int, `655360`), `limits.form-body` (int,
///   `65536`): request body limits in bytes; larger bodies get 413.
/// - `appender.max-batch` (int, `2048`): the most messages committed in one transaction.
/// - `appender.max-pending` (int, `65536`): messages waiting for a commit before new ones get 429.
/// - `metrics.port` (int, none): when set, `GET /metrics` (and a health check) are served on 127.0.0.1 at this port
///   by a separate listener (`0` picks a free port, logged as `metrics listening port=N`). The public listener
///   never serves metrics.
/// - `http.idle-timeout-seconds` (int, `30`), `http.request-timeout-seconds` (int, `30`): see ``HTTPSettings``.
/// - `keys.min-provisioning-rotation-hours` (int, `4368` = 26 weeks): a new provisioning key is refused (400)
///   when the previous one of its kind was added more recently than this; `0` disables the check.
package struct APISettings: Sendable, Hashable {
    /// Address, port and log level.
    package var http: HTTPSettings
    /// SQLite path or PostgreSQL URL.
    package var database: String
    /// Path of the trust-anchor file.
    package var trustAnchorsPath: String?
    /// The journalist apps preselect.
    package var defaultJournalistId: String?
    /// Most user (J2U) dead drops per request.
    package var userDeadDropLimit: Int
    /// Most journalist (U2J) dead drops per request.
    package var journalistDeadDropLimit: Int
    /// Age after which dead drops are deleted.
    package var deadDropRetention: Duration
    /// Interval of the pruning task.
    package var retentionInterval: Duration
    /// Body limit of `POST /user/messages`.
    package var appenderBodyLimit: Int
    /// Body limit of the dead-drop POSTs.
    package var deadDropBodyLimit: Int
    /// Body limit of every signed-form route.
    package var formBodyLimit: Int
    /// Most messages per appender transaction.
    package var appenderMaxBatch: Int
    /// Most messages waiting for a commit.
    package var appenderMaxPending: Int
    /// Minimum age of the previous provisioning key before a new one is accepted.
    package var minProvisioningRotation: Duration
    /// The loopback port of the private metrics listener; `nil` for none.
    package var metricsPort: Int?

    /// The defaults, listening on `port`, with `database`.
    package init(port: Int = 3000, database: String = "./tipline-data/tipline.sqlite") {
        http = HTTPSettings(port: port)
        self.database = database
        trustAnchorsPath = nil
        defaultJournalistId = nil
        userDeadDropLimit = 360
        journalistDeadDropLimit = 24
        deadDropRetention = .seconds(14 * 86_400)
        retentionInterval = .seconds(1800)
        appenderBodyLimit = 8192
        deadDropBodyLimit = 640 * 1024
        formBodyLimit = 64 * 1024
        appenderMaxBatch = 2048
        appenderMaxPending = 65_536
        minProvisioningRotation = .seconds(26 * 7 * 86_400)
        metricsPort = nil
    }

    /// Reads the settings.
    /// - Throws: `TiplineServerError` for a value out of range.
    package init(reader: ConfigReader) throws {
        let defaults = APISettings()
        http = try HTTPSettings(reader: reader, defaultPort: defaults.http.port)
        database = reader.string(forKey: "database", default: defaults.database)
        trustAnchorsPath = reader.string(forKey: "trust-anchors")
        defaultJournalistId = reader.string(forKey: "default-journalist-id")
        func positive(_ key: ConfigKey, _ fallback: Int) throws -> Int {
            let value = reader.int(forKey: key, default: fallback)
            guard value > 0 else { throw TiplineServerError(.configuration, "\(key) must be positive, got \(value)") }
            return value
        }
        userDeadDropLimit = try positive("dead-drops.user-limit", defaults.userDeadDropLimit)
        journalistDeadDropLimit = try positive("dead-drops.journalist-limit", defaults.journalistDeadDropLimit)
        deadDropRetention = .seconds(try positive("dead-drops.retention-hours", 336) * 3600)
        retentionInterval = .seconds(try positive("retention.interval-seconds", 1800))
        appenderBodyLimit = try positive("limits.appender-body", defaults.appenderBodyLimit)
        deadDropBodyLimit = try positive("limits.dead-drop-body", defaults.deadDropBodyLimit)
        formBodyLimit = try positive("limits.form-body", defaults.formBodyLimit)
        appenderMaxBatch = try positive("appender.max-batch", defaults.appenderMaxBatch)
        appenderMaxPending = try positive("appender.max-pending", defaults.appenderMaxPending)
        let rotationHours = reader.int(forKey: "keys.min-provisioning-rotation-hours", default: 26 * 7 * 24)
        guard rotationHours >= 0 else {
            throw TiplineServerError(.configuration, "keys.min-provisioning-rotation-hours must not be negative")
        }
        minProvisioningRotation = .seconds(rotationHours * 3600)
        metricsPort = reader.int(forKey: "metrics.port")
        if let port = metricsPort, !(0...65_535).contains(port) {
            throw TiplineServerError(.configuration, "metrics.port must be between 0 and 65535, got \(port)")
        }
    }

    /// Reads the settings from command-line `overrides` (by key), the environment and an optional JSON file.
    package static func load(overrides: [String: String], configFile: String? = nil) async throws -> APISettings {
        try APISettings(reader: await SettingsSources.reader(overrides: overrides, configFile: configFile))
    }
}
