package import Foundation

/// Child processes whose output goes to a log file: a pipe nobody reads would block a server once it is full.
package enum LoggedProcess {
    /// Starts `executable arguments…`, `environment` added to this process's, in `directory` when given, with
    /// standard output and standard error written to `log` (created, or emptied when it exists).
    package static func start(
        _ executable: String, _ arguments: [String], environment: [String: String] = [:], log: URL,
        in directory: URL? = nil
    ) throws -> Process {
        let process = Process(executable, arguments, environment: environment, in: directory)
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        let output = try FileHandle(forWritingTo: log)
        process.standardOutput = output
        process.standardError = output
        try process.run()
        return process
    }
}

extension Process {
    /// A process (not yet running) of `executable arguments…`, `environment` added to this process's, in
    /// `directory` when given.
    convenience init(_ executable: String, _ arguments: [String], environment: [String: String], in directory: URL?) {
        self.init()
        executableURL = URL(fileURLWithPath: executable)
        self.arguments = arguments
        self.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        if let directory { currentDirectoryURL = directory }
    }
}
