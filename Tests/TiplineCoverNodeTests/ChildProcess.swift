import Foundation
import Testing
import TiplineTestSupport

/// A `tipline` subcommand running as a real process, with its output in a log file.
final class ChildProcess: @unchecked Sendable {
    // Invariant: `process` is started in `init` and only read afterwards.
    private let process: Process
    let name: String
    let log: String

    init(_ name: String, arguments: [String], environment: [String: String] = [:], logFolder: String) throws {
        self.name = name
        log = logFolder + "/\(name).log"
        process = try LoggedProcess.start(
            TiplineBinary.path, arguments, environment: environment, log: URL(fileURLWithPath: log))
    }

    var isRunning: Bool { process.isRunning }

    func signal(_ signal: Int32) { kill(process.processIdentifier, signal) }

    /// Waits for the process to end (polling, so the test's time limit still applies).
    func waitForExit(within limit: Duration) async throws -> (signalled: Bool, status: Int32) {
        let deadline = ContinuousClock.now + limit
        while process.isRunning {
            guard ContinuousClock.now < deadline else {
                signal(SIGKILL)
                Issue.record("\(name) did not exit within \(limit); its log ends with:\n\(logTail)")
                throw CancellationError()
            }
            try await Task.sleep(for: .milliseconds(20))
        }
        return (process.terminationReason == .uncaughtSignal, process.terminationStatus)
    }

    /// The last lines of the process's output, for failure messages (the log folder is deleted with the test).
    var logTail: String {
        let text = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
        return text.split(separator: "\n").suffix(15).joined(separator: "\n")
    }

    deinit { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }
}
