package import Configuration
package import HummingbirdCore
package import Logging
import NIOCore
import TiplineCore

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
/// - `http.request-timeout-seconds` (int, default `30`, at least 1): a request whose body is still arriving this
///   long after its head is cut off (the connection is closed), however steadily its bytes trickle in. A response
///   sent before its request's body was read to the end (a 413 for a body over its limit) closes the connection
///   instead of reading the rest.
package struct HTTPSettings: Sendable, Hashable {
    /// Address to bind.
    package var host: String
    /// Port to bind (`0`: any free port).
    package var port: Int
    /// Minimum level of log messages.
    package var logLevel: Logger.Level
    /// How long a connection may stay silent before the server closes it.
    package var idleTimeout: Duration
    /// How long a request's body may take to arrive after its head.
    package var requestTimeout: Duration

    /// Creates settings directly.
    package init(
        host: String = "127.0.0.1", port: Int, logLevel: Logger.Level = .info, idleTimeout: Duration = .seconds(30),
        requestTimeout: Duration = .seconds(30)
    ) {
        self.host = host
        self.port = port
        self.logLevel = logLevel
        self.idleTimeout = idleTimeout
        self.requestTimeout = requestTimeout
    }

    /// Reads the settings.
    /// - Throws: ``TiplineServerError`` for a port outside `0...65535` or an unknown log level.
    package init(reader: ConfigReader, defaultPort: Int) throws {
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
        idleTimeout = try Self.positiveSeconds("http.idle-timeout-seconds", reader)
        requestTimeout = try Self.positiveSeconds("http.request-timeout-seconds", reader)
    }

    /// The HTTP/1.1 server with ``idleTimeout`` and ``requestTimeout``.
    package var server: HTTPServerBuilder {
        let requestTimeout = TimeAmount(requestTimeout)
        return .http1(
            configuration: HTTP1Channel.Configuration(
                additionalChannelHandlers: [RequestBodyGuard(timeout: requestTimeout)],
                idleTimeout: TimeAmount(idleTimeout)))
    }

    private static func positiveSeconds(_ key: String, _ reader: ConfigReader) throws -> Duration {
        let seconds = reader.int(forKey: ConfigKey(key), default: 30)
        guard seconds > 0 else {
            throw TiplineServerError(.configuration, "\(key) must be positive, got \(seconds)")
        }
        return .seconds(seconds)
    }
}
