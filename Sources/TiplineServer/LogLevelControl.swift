package import Logging
import Synchronization

/// A log level shared by every logger of a service and changeable while it runs (`POST /v1/logging`).
package final class LogLevelControl: Sendable {
    private let current: Mutex<Logger.Level>

    /// Starts at `level`.
    package init(_ level: Logger.Level) { current = Mutex(level) }

    /// The level in force.
    package var level: Logger.Level {
        get { current.withLock { $0 } }
        set { current.withLock { $0 = newValue } }
    }

    /// A logger whose level follows this control; it writes through the handler `LoggingSystem` makes for `label`.
    package func logger(label: String) -> Logger {
        let upstream = Logger(label: label).handler
        return Logger(label: label) { _ in ControlledLogHandler(upstream: upstream, control: self) }
    }
}

/// A log handler whose level is read from a ``LogLevelControl`` on every check.
struct ControlledLogHandler: LogHandler {
    var upstream: any LogHandler
    let control: LogLevelControl

    func log(event: LogEvent) { upstream.log(event: event) }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { upstream[metadataKey: key] }
        set { upstream[metadataKey: key] = newValue }
    }

    var metadata: Logger.Metadata {
        get { upstream.metadata }
        set { upstream.metadata = newValue }
    }

    var metadataProvider: Logger.MetadataProvider? {
        get { upstream.metadataProvider }
        set { upstream.metadataProvider = newValue }
    }

    var logLevel: Logger.Level {
        get { control.level }
        set { control.level = newValue }
    }
}
