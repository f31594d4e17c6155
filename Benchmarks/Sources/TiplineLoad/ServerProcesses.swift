import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Servers under load run as processes of their own (the released `tipline` binary, or this binary's
/// `empty-endpoint`), so that the load generator and the server never share a process.
struct ServerProcesses {
    private var processes: [Process] = []
    /// The loopback ports the servers listen on, in start order.
    private(set) var ports: [Int] = []
    private let folder: URL

    /// Servers whose logs go to `folder`.
    init(folder: URL) { self.folder = folder }

    /// Starts `executable arguments(port)` on a free port, with `environment` added to this process's, and waits
    /// until it accepts connections (at most 20 s).
    mutating func start(
        _ executable: String, environment: [String: String] = [:], _ arguments: (Int) -> [String]
    ) async throws {
        let port = try Self.freePort()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments(port)
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        process.currentDirectoryURL = folder
        process.standardOutput = FileHandle.nullDevice
        let log = folder.appendingPathComponent("server-\(port).log")
        guard FileManager.default.createFile(atPath: log.path, contents: nil) else {
            throw BenchmarkFailure("cannot create \(log.path)")
        }
        process.standardError = try FileHandle(forWritingTo: log)
        try process.run()
        processes.append(process)
        ports.append(port)
        for _ in 0..<200 {
            if Self.accepts(port: port) { return }
            guard process.isRunning else { break }
            try await Task.sleep(for: .milliseconds(100))
        }
        let output = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
        throw BenchmarkFailure("\(executable) on port \(port) did not start: \(output.suffix(500))")
    }

    /// Stops every server with SIGTERM (a graceful shutdown) and waits for it to exit.
    mutating func stop() {
        for process in processes where process.isRunning {
            kill(process.processIdentifier, SIGTERM)
            process.waitUntilExit()
        }
        processes = []
        ports = []
    }

    /// Runs a program to completion, with `environment` added to this process's, and returns its trimmed standard
    /// output; a non-zero exit is an error.
    @discardableResult
    static func run(
        _ executable: String, _ arguments: [String], in folder: URL? = nil, environment: [String: String] = [:]
    ) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        process.currentDirectoryURL = folder
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw BenchmarkFailure(
                "\(executable) \(arguments.first ?? "") failed with status \(process.terminationStatus)")
        }
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// A throwaway organisation's trust anchors in `folder` (the API refuses to start without them).
    static func trustAnchors(tipline: String, in folder: URL) throws -> String {
        try run(tipline, ["admin", "init", "--keys", "keys"], in: folder)
        return folder.appendingPathComponent("keys/trust-anchors.json").path
    }

    /// A loopback TCP port nobody listens on right now.
    private static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = loopback(port: 0)
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0
            }
        }
        guard fd >= 0, bound else { throw BenchmarkFailure("no free loopback port") }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// Whether something accepts TCP connections on the loopback `port`.
    private static func accepts(port: Int) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = loopback(port: port)
        return withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
            }
        }
    }

    private static func loopback(port: Int) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(truncatingIfNeeded: port).bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return address
    }
}
