public import Configuration
public import HummingbirdCore
public import Logging
import NIOCore

/// The settings every Tipline HTTP service shares.
///
/// Keys (see ``SettingsSources`` for the environment and file forms):
/// - `http.host` (string, default `127.0.0.1`): the address to bind.
/// - `http.port` (int, default: the service's own port; `0` picks a free port): the port to bind.
/// - `log.level` (string, default `info`): `trace`, `debug`, `info`, `notice`, `warning`, `error` or `critical`.
///   Request logs are written at `debug` only.
/// - `http.idle-timeout-seconds` (int, default `30`, at least 1): a connection that sends nothing for this long
///   while no response is being written is closed, including one whose request head or body never completes
///   (a slowloris client). Keep it below nginx's `keepalive_timeout` for upstreams.
public struct HTTPSettings: Sendable, Hashable {
    /// Address to bind.
    public var host: String
    /// Port to bind (`0`: any free port).
    public var port: Int
    /// Minimum level of log messages.
    public var logLevel: Logger.Level
    /// How long a connection may stay silent before the server closes it.
    public var idleTimeout: Duration

    /// Creates settings directly.
    public init(
        host: String = "127.0.0.1", port: Int, logLevel: Logger.Level = .info, idleTimeout: Duration = .seconds(30)
    ) {
        self.host = host
        self.port = port
        self.logLevel = logLevel
        self.idleTimeout = idleTimeout
    }

    /// Reads the settings.
    /// - Throws: ``TiplineServerError`` for a port outside `0...65535` or an unknown log level.
    public init(reader: ConfigReader, defaultPort: Int) throws {
        host = reader.string(forKey: "http.host", default: "127.0.0.1")
        port = reader.int(forKey: "http.port", default: defaultPort)
        guard (0...65_535).contains(port) else {
            throw TiplineServerError(.configuration, "http.port must be between 0 and 65535, got \(port)")
        }
        let level = reader.string(forKey: "log.level", default: "info")
        guard let logLevel = Logger.Level(rawValue: level.lowercased()) else {
            throw TiplineServerError(
                .configuration, "log.level must be one of trace, debug, info, notice, warning, error, critical")
        }
        self.logLevel = logLevel
        let idleSeconds = reader.int(forKey: "http.idle-timeout-seconds", default: 30)
        guard idleSeconds > 0 else {
            throw TiplineServerError(.configuration, "http.idle-timeout-seconds must be positive, got \(idleSeconds)")
        }
        idleTimeout = .seconds(idleSeconds)
    }

    /// The HTTP/1.1 server with ``idleTimeout``.
    public var server: HTTPServerBuilder {
        .http1(configuration: HTTP1Channel.Configuration(idleTimeout: TimeAmount(idleTimeout)))
    }
}
