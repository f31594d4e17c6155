import Foundation
import Testing

/// A `tipline` subcommand running as a real process, with its output in a log file.
final class ChildProcess: @unchecked Sendable {
    // Invariant: `process` is configured in `init` and only read afterwards.
    private let process = Process()
    let name: String
    let log: String

    /// The `tipline` binary of this checkout (`swift build --product tipline`).
    static let binary: String = {
        var root = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { root.deleteLastPathComponent() }
        return root.appendingPathComponent(".build/debug/tipline").path
    }()

    init(_ name: String, arguments: [String], environment: [String: String] = [:], logFolder: String) throws {
        self.name = name
        log = logFolder + "/\(name).log"
        _ = FileManager.default.createFile(atPath: log, contents: nil)
        let output = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
        output.seekToEndOfFile()
        process.executableURL = URL(fileURLWithPath: Self.binary)
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        process.standardOutput = output
        process.standardError = output
        try process.run()
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

    /// A free loopback TCP port (bound and released at once).
    static func freePort() throws -> Int {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(descriptor, $0, length) == 0 && getsockname(descriptor, $0, &length) == 0
            }
        }
        try #require(bound)
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
