import Foundation
import Testing
import TiplineTestSupport

/// The running deployment: keys from `tipline admin`, two API instances, nginx, the CoverNode and a journalist vault.
struct Deployment {
    let processes: DeploymentProcesses
    let database: DeploymentDatabase
    let binary = TiplineBinary.path
    let edge: String
    let journalistEnvironment = ["TIPLINE_VAULT_PASSPHRASE": "deployment test vault passphrase"]
    let coverNodeEnvironment = ["TIPLINE_COVERNODE_PASSPHRASE": "deployment test covernode passphrase"]

    var anchors: String { processes.directory.appendingPathComponent("keys/trust-anchors.json").path }
    var vault: String { processes.directory.appendingPathComponent("alice.vault").path }

    /// Runs the key ceremony, starts both API instances, nginx and the CoverNode, and registers the journalist.
    static func start(database: DeploymentDatabase, processes: DeploymentProcesses) async throws -> Deployment {
        let apiPorts = [try LoopbackPort.free(), try LoopbackPort.free()]
        let edgePort = try LoopbackPort.free()
        let deployment = Deployment(processes: processes, database: database, edge: "http://127.0.0.1:\(edgePort)")
        let binary = deployment.binary
        try await processes.run("admin-init", binary, ["admin", "init", "--keys", "keys"])
        try await processes.run(
            "add-covernode", binary,
            ["admin", "add-covernode", "covernode_001", "--out", "covernode.json", "--keys", "keys"])
        try await processes.run(
            "add-journalist", binary,
            ["admin", "add-journalist", "alice", "--name", "Alice", "--out", "alice.json", "--keys", "keys"])

        for (index, port) in apiPorts.enumerated() {
            try processes.start(
                "api-\(index + 1)", binary,
                ["api", "--port", "\(port)", "--database", database.url, "--trust-anchors", deployment.anchors])
            try await processes.waitUntil("api-\(index + 1)", process: "api-\(index + 1)") {
                try await DeploymentProcesses.get("http://127.0.0.1:\(port)/v1/status").status < 500
            }
        }
        try deployment.startEdge(port: edgePort, upstreams: apiPorts)
        try await processes.waitUntil("nginx", process: "nginx") {
            try await DeploymentProcesses.get(deployment.edge + "/v1/status").status < 500
        }

        // Setup talks to one instance directly (from the newsroom network), so nginx never caches a key list
        // from before the CoverNode and the journalist were registered.
        let direct = "http://127.0.0.1:\(apiPorts[1])"
        try await processes.run("publish", binary, ["admin", "publish", "--keys", "keys", "--api-url", direct])
        try await processes.run(
            "set-status", binary,
            ["admin", "set-status", "AVAILABLE", "Deployment test", "--keys", "keys", "--api-url", direct])
        try await deployment.journalist(["init", "--setup-bundle", "alice.json"], api: direct)
        try await deployment.journalist(["sync"], api: direct)  // registers alice before the CoverNode starts
        try deployment.startCoverNode(bundle: "covernode.json")
        try await processes.waitUntil("the CoverNode", process: "covernode") {
            processes.log("covernode").contains("journalists=1")
        }
        return deployment
    }

    /// Renders scripts/deployment/nginx.conf.template and starts nginx in the foreground. The simulated readers
    /// live half a day in seconds, all from 127.0.0.1: at the template's 20 requests/s per address nginx would
    /// answer them 429 (a fast machine gets there in phase 2), so the per-address rate is raised for this run.
    func startEdge(port: Int, upstreams: [Int]) throws {
        try EdgeConfig.start(port: port, upstreams: upstreams, processes: processes, requestsPerSecond: 100_000)
    }

    /// Starts the CoverNode (test mixing profile) on the PostgreSQL streams, through nginx.
    func startCoverNode(bundle: String?) throws {
        var arguments = [
            "covernode", "--api-url", edge, "--state-dir", "covernode-state", "--postgres-url", database.url,
            "--profile", "test", "--metrics-port", "0",
        ]
        if let bundle { arguments += ["--setup-bundle", bundle] }
        try processes.start("covernode", binary, arguments, environment: coverNodeEnvironment)
    }

    /// The CoverNode's `GET /metrics` text, from the port its latest start logged.
    func coverNodeMetrics() async throws -> String {
        let lines = processes.log("covernode").split(separator: "\n").filter { $0.contains("metrics listening") }
        guard let line = lines.last, let range = line.range(of: #"port=\d+"#, options: .regularExpression) else {
            throw TestFailure("the CoverNode did not log its metrics port")
        }
        let port = line[range].dropFirst("port=".count)
        let response = try await DeploymentProcesses.get("http://127.0.0.1:\(port)/metrics")
        guard response.status == 200 else {
            throw TestFailure("GET /metrics answered \(response.status)")
        }
        return response.body
    }

    /// Runs `tipline journalist …` against the vault, through nginx unless `api` is given.
    @discardableResult
    func journalist(_ arguments: [String], api: String? = nil) async throws -> String {
        let target = arguments.first == "inbox" ? [] : ["--api-url", api ?? edge]
        return try await processes.run(
            "journalist", binary, ["journalist"] + arguments + ["--vault", vault] + target,
            environment: journalistEnvironment)
    }

    /// Syncs the vault and returns how many messages it holds from all sources.
    func journalistMessageCount() async throws -> Int {
        try await journalist(["sync"])
        let inbox = try await journalist(["inbox"])
        let lines = inbox.split(separator: "\n").map(String.init)
        guard let header = lines.firstIndex(where: { $0.hasPrefix("#") }),
            let column = lines[header].range(of: "Messages")?.lowerBound.utf16Offset(in: lines[header])
        else { return 0 }
        return lines[(header + 1)...].reduce(0) { total, line in
            let cells = line.utf16.dropFirst(column)
            let text = String(decoding: Array(cells), as: UTF16.self).prefix { !$0.isWhitespace }
            return total + (Int(text) ?? 0)
        }
    }

    /// Runs simulated readers through nginx while `during` runs, and returns their report.
    func readers(_ name: String, during: () async throws -> Void) async throws -> ReadersReport {
        let arguments = [
            "readers", "--api", edge, "--trust-anchors", anchors, "--readers", "10", "--sources", "3",
            "--messages-per-source", "2", "--days", "0.5", "--concurrency", "8",
        ]
        try processes.start(name, binary, arguments)
        try await during()
        return try ReadersReport(try await processes.wait(name, timeout: .seconds(60)))
    }

    /// `GET /v1/public-keys` and a dead-drop list are served from nginx's cache the second time, with the
    /// API's ETag and Cache-Control passed on.
    func expectCachedPublicData() async throws {
        for path in ["/v1/public-keys", "/v1/user/dead-drops?ids_greater_than=0"] {
            let first = try await DeploymentProcesses.get(edge + path)
            let second = try await DeploymentProcesses.get(edge + path)
            #expect(first.status == 200 && second.status == 200)
            #expect(second.headers["x-cache-status"] == "HIT", "\(path) was not cached")
            #expect(second.headers["cache-control"]?.contains("max-age") == true)
            if path == "/v1/public-keys" {
                #expect(second.headers["etag"] != nil && second.headers["etag"] == first.headers["etag"])
            }
        }
    }
}
