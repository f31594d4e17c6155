package import Logging
import Synchronization

/// A logger whose lines (message and metadata, as one string each) a test can read back.
package final class CapturedLog: Sendable {
    /// An empty log.
    package init() {}

    private let lines = Mutex<[String]>([])

    /// A logger that records into this log.
    package var logger: Logger {
        Logger(label: "tipline.test") { _ in Handler(log: self) }
    }

    /// Every recorded line.
    package var all: [String] { lines.withLock { $0 } }

    /// The recorded lines that contain `text`.
    package func lines(containing text: String) -> [String] { all.filter { $0.contains(text) } }

    fileprivate func record(_ line: String) { lines.withLock { $0.append(line) } }

    private struct Handler: LogHandler {
        let log: CapturedLog
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .trace

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(event: LogEvent) {
            let fields = metadata.merging(event.metadata ?? [:]) { $1 }
                .sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
            log.record(([event.level.rawValue, "\(event.message)"] + fields).joined(separator: " "))
        }
    }
}
