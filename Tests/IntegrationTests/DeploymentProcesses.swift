import Foundation
import Testing
import TiplineTestSupport

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
#if canImport(Glibc)
import Glibc
#endif

/// The child processes of one deployment run: started with output to log files (a full pipe would block a
/// server), every one bounded in time, and all killed by ``stopAll()`` (call it in a `defer`).
final class DeploymentProcesses {
    let directory: URL
    private var running: [String: Process] = [:]

    init(directory: URL) {
        self.directory = directory
    }

    /// Starts `executable arguments…` in the background; output goes to `<name>.log`.
    @discardableResult
    func start(
        _ name: String, _ executable: String, _ arguments: [String], environment: [String: String] = [:]
    ) throws
        -> Process
    {
        let process = try LoggedProcess.start(
            executable, arguments, environment: environment, log: directory.appendingPathComponent("\(name).log"),
            in: directory)
        running[name] = process
        return process
    }

    /// Runs `executable arguments…` to completion within `timeout`, and returns its output (stdout and stderr).
    /// - Throws: ``TestFailure`` when it exits with a non-zero status or runs out of time (it is then killed).
    @discardableResult
    func run(
        _ name: String, _ executable: String, _ arguments: [String], environment: [String: String] = [:],
        timeout: Duration = .seconds(30)
    ) async throws -> String {
        try start(name, executable, arguments, environment: environment)
        return try await wait(name, timeout: timeout)
    }

    /// Waits for the process started as `name` to exit within `timeout`, and returns its output.
    /// - Throws: ``TestFailure`` when it exits with a non-zero status or runs out of time (it is then killed).
    func wait(_ name: String, timeout: Duration) async throws -> String {
        guard let process = running[name] else { throw TestFailure("\(name) was not started") }
        let deadline = ContinuousClock.now.advanced(by: timeout)
        while process.isRunning {
            if ContinuousClock.now >= deadline {
                kill(name)
                throw TestFailure("\(name) timed out:\n\(log(name))")
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        running[name] = nil
        let output = log(name)
        guard process.terminationStatus == 0 else {
            throw TestFailure("\(name) exited with \(process.terminationStatus):\n\(output)")
        }
        return output
    }

    /// Everything `name` wrote so far.
    func log(_ name: String) -> String {
        let data = FileManager.default.contents(atPath: directory.appendingPathComponent("\(name).log").path)
        return String(decoding: data ?? Data(), as: UTF8.self)
    }

    /// Sends `signal` (SIGKILL unless told) to `name` and waits up to 5 s for it to exit.
    func kill(_ name: String, signal: Int32 = SIGKILL) {
        guard let process = running.removeValue(forKey: name) else { return }
        guard process.isRunning else { return }
        Glibc.kill(process.processIdentifier, signal)
        // Not waitUntilExit(): it can hang for good on Linux when the exit is missed.
        let deadline = Date().addingTimeInterval(5)
        while process.isRunning && Date() < deadline { usleep(20_000) }
        if process.isRunning { Glibc.kill(process.processIdentifier, SIGKILL) }
    }

    /// Whether `name` was started and is still running.
    func isRunning(_ name: String) -> Bool {
        running[name]?.isRunning ?? false
    }

    /// Stops every process still running: SIGTERM (so that nginx takes its workers down too), then SIGKILL.
    func stopAll() {
        for name in Array(running.keys) { kill(name, signal: SIGTERM) }
    }

    /// Polls `condition` every 100 ms until it holds or `timeout` passes (errors count as "not yet"); the error
    /// shows the log of `process`.
    func waitUntil(
        _ what: String, process: String? = nil, timeout: Duration = .seconds(20), _ condition: () async throws -> Bool
    ) async throws {
        do {
            try await eventually(what, timeout: timeout, every: .milliseconds(100), ignoringErrors: true, condition)
        } catch let failure as TestFailure {
            throw TestFailure(failure.description + "\n" + (process.map(log) ?? ""))
        }
    }

    /// Runs `body` with `tipline api` started in a fresh folder (an organisation from `tipline admin init`, a SQLite
    /// database, `environment` added) on a free loopback port, once it answers; afterwards every process is
    /// stopped and the folder removed.
    static func withAPI<T>(
        environment: [String: String], _ body: (DeploymentProcesses, Int) async throws -> T
    ) async throws -> T {
        let folder = try TemporaryDirectory()
        let processes = DeploymentProcesses(directory: folder.url)
        defer {
            processes.stopAll()
            folder.remove()
        }
        try await processes.run("admin-init", TiplineBinary.path, ["admin", "init", "--keys", "keys"])
        let port = try LoopbackPort.free()
        try processes.start(
            "api", TiplineBinary.path,
            ["api", "--port", "\(port)", "--database", "api.sqlite", "--trust-anchors", "keys/trust-anchors.json"],
            environment: environment)
        try await processes.waitUntil("tipline api", process: "api") {
            try await get("http://127.0.0.1:\(port)/v1/healthcheck").status == 200
        }
        return try await body(processes, port)
    }

    /// GET `url`: the status, the response headers (names lower-cased) and the body as text.
    static func get(_ url: String) async throws -> (status: Int, headers: [String: String], body: String) {
        guard let target = URL(string: url) else { throw TestFailure("bad URL \(url)") }
        var request = URLRequest(url: target, timeoutInterval: 5)
        request.cachePolicy = .reloadIgnoringLocalCacheData
        let (data, response) = try await URLSession.shared.data(for: request)
        guard let http = response as? HTTPURLResponse else { throw TestFailure("not HTTP") }
        var headers: [String: String] = [:]
        for (name, value) in http.allHeaderFields {
            headers[String(describing: name).lowercased()] = String(describing: value)
        }
        return (http.statusCode, headers, String(decoding: data, as: UTF8.self))
    }

    /// The first executable called `name` on PATH or in PostgreSQL's bin folders.
    static func tool(_ name: String) throws -> String {
        var folders = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin").split(separator: ":").map(String.init)
        folders += ["/usr/sbin", "/usr/bin"]
        let postgres = (try? FileManager.default.contentsOfDirectory(atPath: "/usr/lib/postgresql")) ?? []
        folders += postgres.sorted().reversed().map { "/usr/lib/postgresql/\($0)/bin" }
        for folder in folders where FileManager.default.isExecutableFile(atPath: folder + "/" + name) {
            return folder + "/" + name
        }
        throw TestFailure("\(name) is not installed")
    }
}
