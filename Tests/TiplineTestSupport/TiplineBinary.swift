package import Foundation

/// The built `tipline` executable, run as a real child process: `TIPLINE_BINARY` when set, otherwise the one next
/// to the test bundle or in this checkout's `.build/debug` (`swift build --product tipline`).
package enum TiplineBinary {
    /// What a finished run printed.
    package struct Result: Sendable {
        /// The exit status.
        package var status: Int32
        /// Standard output.
        package var output: String
        /// Standard error.
        package var error: String
    }

    /// The executable's path (it may not exist: a test that needs it checks).
    package static var path: String {
        if let path = ProcessInfo.processInfo.environment["TIPLINE_BINARY"], !path.isEmpty { return path }
        let runner = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        var packageRoot = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { packageRoot.deleteLastPathComponent() }
        let candidates =
            [
                runner, runner.deletingLastPathComponent(),
                runner.deletingLastPathComponent().deletingLastPathComponent(),
            ]
            .map { $0.appendingPathComponent("tipline").path }
            + [packageRoot.appendingPathComponent(".build/debug/tipline").path]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) } ?? candidates[candidates.count - 1]
    }

    /// Runs `tipline arguments…` to completion.
    package static func run(
        _ arguments: [String], environment: [String: String] = [:], in directory: URL? = nil
    ) throws -> Result {
        let process = try start(arguments, environment: environment, in: directory)
        let output = (process.standardOutput as? Pipe)?.fileHandleForReading.readDataToEndOfFile() ?? Data()
        let error = (process.standardError as? Pipe)?.fileHandleForReading.readDataToEndOfFile() ?? Data()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus, output: String(decoding: output, as: UTF8.self),
            error: String(decoding: error, as: UTF8.self))
    }

    /// Starts `tipline arguments…` in the background, `environment` added to this process's, with standard output
    /// piped, and standard error piped too unless `discardingErrors`.
    package static func start(
        _ arguments: [String], environment: [String: String] = [:], in directory: URL? = nil,
        discardingErrors: Bool = false
    ) throws -> Process {
        let process = Process(path, arguments, environment: environment, in: directory)
        process.standardOutput = Pipe()
        process.standardError = discardingErrors ? FileHandle.nullDevice : Pipe()
        try process.run()
        return process
    }
}
