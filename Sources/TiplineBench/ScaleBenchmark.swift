import Foundation
import TiplineAPIClient

#if canImport(Glibc)
import Glibc
#endif

/// `tipline-bench scale --tipline <path> --postgres-url <url>`: appender throughput of the scale-out deployment.
/// Two `tipline api` processes (the built binary) run over a fresh PostgreSQL database; many HTTP/1.1 keep-alive
/// clients, spread over both instances, post 773-byte messages for a few seconds. The same clients then drive one
/// `tipline api` process on a SQLite file, and both figures are printed side by side. Each run checks that every
/// acknowledged message is in the stream (counted with `psql`).
///
/// Options: `--seconds N` (5, measured after a 1 s warm-up), `--clients N` (64 concurrent requests),
/// `--instances N` (2 API processes on PostgreSQL).
enum ScaleBenchmark {
    static func run(arguments: [String]) async throws {
        let options = BenchmarkArguments(arguments: arguments)
        guard let binary = options.string("--tipline"), let serverURL = options.string("--postgres-url")
        else {
            print(
                "usage: tipline-bench scale --tipline <path> --postgres-url <url> [--seconds N] [--clients N] [--instances N]"
            )
            return
        }
        let seconds = options.int("--seconds", default: 5)
        let clients = options.int("--clients", default: 64)
        let instances = options.int("--instances", default: 2)
        print("appender scale-out: \(clients) keep-alive clients, \(seconds) s after 1 s warm-up, 773-byte messages")

        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tipline-scale-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }

        // The API refuses to start without trust anchors: make a throwaway organisation for the run.
        try runProcess(binary, ["admin", "init", "--keys", "keys"], in: folder)
        let anchors = folder.appendingPathComponent("keys/trust-anchors.json").path

        let database = "tipline_scale_" + UUID().uuidString.prefix(8).lowercased()
        try psql(serverURL, "CREATE DATABASE \(database)")
        defer { _ = try? psql(serverURL, "DROP DATABASE IF EXISTS \(database) WITH (FORCE)") }
        var components = URLComponents(string: serverURL)
        components?.path = "/" + database
        let databaseURL = components?.string ?? serverURL

        let postgres = try await measure(
            binary: binary, database: databaseURL, anchors: anchors, instances: instances, in: folder
        ) {
            ports in
            try await AppenderLoad.drive(ports: ports, clients: clients, window: .seconds(seconds))
        }
        let postgresStored = try psql(databaseURL, "SELECT count(*) FROM u2c_messages")
        let sqlitePath = folder.appendingPathComponent("scale.sqlite").path
        let sqlite = try await measure(
            binary: binary, database: sqlitePath, anchors: anchors, instances: 1, in: folder
        ) { ports in
            try await AppenderLoad.drive(ports: ports, clients: clients, window: .seconds(seconds))
        }

        print(AppenderLoad.row("PostgreSQL, \(instances) API processes", postgres))
        print(AppenderLoad.row("SQLite, 1 API process", sqlite))
        print(
            "PostgreSQL: acknowledged \(postgres.acknowledged), \(postgresStored) in the stream, \(postgres.failures) failed"
        )
        print("SQLite: acknowledged \(sqlite.acknowledged), \(sqlite.failures) failed")
    }

    /// Starts `instances` API processes on `database`, runs `body` with their ports, then kills them.
    private static func measure(
        binary: String, database: String, anchors: String, instances: Int, in folder: URL,
        _ body: ([Int]) async throws -> AppenderLoad.Measurement
    ) async throws -> AppenderLoad.Measurement {
        var processes: [Process] = []
        defer {
            for process in processes where process.isRunning {
                kill(process.processIdentifier, SIGTERM)
                process.waitUntilExit()
            }
        }
        var ports: [Int] = []
        for _ in 0..<instances {
            let port = try freePort()
            let process = Process()
            process.executableURL = URL(fileURLWithPath: binary)
            process.arguments = [
                "api", "--port", "\(port)", "--database", database, "--trust-anchors", anchors, "--log-level",
                "warning",
            ]
            process.currentDirectoryURL = folder
            process.standardOutput = FileHandle.nullDevice
            let log = folder.appendingPathComponent("api-\(port).log")
            guard FileManager.default.createFile(atPath: log.path, contents: nil) else {
                throw APIClientError(.unreachable, "cannot create \(log.path)")
            }
            process.standardError = try FileHandle(forWritingTo: log)
            try process.run()
            processes.append(process)
            ports.append(port)
            try await waitForListening(port: port, log: log)
        }
        return try await body(ports)
    }

    /// Polls the port until the instance accepts connections (at most 20 s).
    private static func waitForListening(port: Int, log: URL) async throws {
        for _ in 0..<200 {
            if accepts(port: port) { return }
            try await Task.sleep(for: .milliseconds(100))
        }
        let output = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
        throw APIClientError(.unreachable, "tipline api on port \(port) did not start: \(output.suffix(500))")
    }

    /// Runs one SQL statement with `psql` and returns its trimmed output.
    @discardableResult
    private static func psql(_ url: String, _ sql: String) throws -> String {
        try runProcess("/usr/bin/env", ["psql", url, "-tAq", "-v", "ON_ERROR_STOP=1", "-c", sql])
    }

    /// Runs a program to completion and returns its trimmed standard output; a non-zero exit is an error.
    @discardableResult
    private static func runProcess(_ executable: String, _ arguments: [String], in folder: URL? = nil) throws -> String
    {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.currentDirectoryURL = folder
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw APIClientError(
                .unreachable, "\(arguments.first ?? executable) failed with status \(process.terminationStatus)")
        }
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
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
        guard fd >= 0, bound else { throw APIClientError(.unreachable, "no free loopback port") }
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
