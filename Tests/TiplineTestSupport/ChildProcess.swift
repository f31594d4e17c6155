package import Foundation

/// A real child process (a `tipline` subcommand, nginx, psql…) with its standard output and standard error in a log
/// file: a pipe nobody reads would block a server once it is full. Every wait on it is bounded, and it is killed
/// with SIGKILL when this object goes away, so a failed test leaves nothing running.
package final class ChildProcess: @unchecked Sendable {
    // Invariant: `process` is started in `init` and only read afterwards.
    private let process: Process
    /// The name failure messages use; the log file is `<name>.log`.
    package let name: String
    /// The log file (standard output and standard error).
    package let log: URL

    /// Starts `executable arguments…`, `environment` added to this process's, in `directory` when given, with its
    /// output in `logFolder/<name>.log` (created, or emptied when it exists).
    package init(
        _ name: String, _ executable: String, _ arguments: [String], environment: [String: String] = [:],
        in directory: URL? = nil, logFolder: URL
    ) throws {
        self.name = name
        log = logFolder.appendingPathComponent("\(name).log")
        process = Process(executable, arguments, environment: environment, in: directory)
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        let output = try FileHandle(forWritingTo: log)
        process.standardOutput = output
        process.standardError = output
        try process.run()
    }

    /// Whether the process has not exited yet.
    package var isRunning: Bool { process.isRunning }

    /// Sends `signal` to the process.
    package func signal(_ signal: Int32) { kill(process.processIdentifier, signal) }

    /// Waits for the process to exit, polling (so the test's time limit still applies), and returns how it ended:
    /// `signalled` when a signal ended it, `status` its exit status or that signal.
    /// - Throws: ``TestFailure`` with the end of the log when it is still running after `limit` (it is then killed).
    package func waitForExit(within limit: Duration) async throws -> (signalled: Bool, status: Int32) {
        let deadline = ContinuousClock.now + limit
        while process.isRunning && ContinuousClock.now < deadline { try await Task.sleep(for: Self.pollInterval) }
        guard !process.isRunning else {
            stop()
            throw TestFailure("\(name) did not exit within \(limit); its log ends with:\n\(logTail)")
        }
        return (process.terminationReason == .uncaughtSignal, process.terminationStatus)
    }

    /// Whether the process exits within `limit`, blocking the thread (for a `defer`, which cannot await; not
    /// `waitUntilExit()`, which can hang for good on Linux when the exit is missed).
    package func exits(within limit: Duration) -> Bool {
        let deadline = ContinuousClock.now + limit
        while process.isRunning && ContinuousClock.now < deadline { Thread.sleep(forTimeInterval: 0.02) }
        return !process.isRunning
    }

    /// Sends `signal` (SIGKILL unless told) when the process is running, waits up to `grace` for it to exit
    /// (blocking, like ``exits(within:)``), and kills it with SIGKILL if it has not.
    package func stop(_ signal: Int32 = SIGKILL, grace: Duration = .seconds(5)) {
        guard process.isRunning else { return }
        self.signal(signal)
        if !exits(within: grace) { self.signal(SIGKILL) }
    }

    /// Everything the process wrote so far.
    package var logText: String {
        String(decoding: FileManager.default.contents(atPath: log.path) ?? Data(), as: UTF8.self)
    }

    /// The last lines of the process's output, for failure messages (the log folder is often deleted with the test).
    package var logTail: String {
        logText.split(separator: "\n").suffix(15).joined(separator: "\n")
    }

    private static let pollInterval = Duration.milliseconds(20)

    deinit { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }
}
