import Foundation
import Testing
import TiplineTestSupport

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The child processes of one deployment run, by name: each a ``ChildProcess`` with its output in
/// `<name>.log` in ``directory`` (where it runs), every wait bounded in time, and all stopped by ``stopAll()`` (call
/// it in a `defer`).
final class DeploymentProcesses {
    let directory: URL
    private var children: [String: ChildProcess] = [:]

    init(directory: URL) {
        self.directory = directory
    }

    /// Starts `executable arguments…` in the background as `name`; output goes to `<name>.log`.
    @discardableResult
    func start(
        _ name: String, _ executable: String, _ arguments: [String], environment: [String: String] = [:]
    ) throws -> ChildProcess {
        let child = try ChildProcess(
            name, executable, arguments, environment: environment, in: directory, logFolder: directory)
        children[name] = child
        return child
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
        guard let child = children[name] else { throw TestFailure("\(name) was not started") }
        let exit = try await child.waitForExit(within: timeout)
        guard exit.status == 0 else { throw TestFailure("\(name) exited with \(exit.status):\n\(child.logText)") }
        return child.logText
    }

    /// Everything `name` wrote so far.
    func log(_ name: String) -> String {
        children[name]?.logText ?? ""
    }

    /// Sends `signal` (SIGKILL unless told) to `name` and waits up to 5 s for it to exit (then SIGKILL).
    func kill(_ name: String, signal: Int32 = SIGKILL) {
        children[name]?.stop(signal)
    }

    /// Whether `name` was started and is still running.
    func isRunning(_ name: String) -> Bool {
        children[name]?.isRunning ?? false
    }

    /// Stops every process still running: SIGTERM (so that nginx takes its workers down too), then SIGKILL.
    func stopAll() {
        for child in children.values { child.stop(SIGTERM) }
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
