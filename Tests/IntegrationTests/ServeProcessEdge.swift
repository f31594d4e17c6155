import Foundation
import TiplineTestSupport

extension ServeProcess {
    /// The port `tipline serve` listens on.
    var port: Int {
        get throws {
            guard let port = URLComponents(string: url)?.port else {
                throw TestFailure("no port in \(url)")
            }
            return port
        }
    }

    /// Starts nginx from `scripts/deployment/nginx.conf.template` (its production limits) in front of the server, as
    /// one of its processes, waits until it answers, and returns the edge's port.
    func startEdge() async throws -> Int {
        // nginx workers drop root privileges: they must be able to reach the cache folder.
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: directory.path)
        let edgePort = try LoopbackPort.free()
        try EdgeConfig.start(port: edgePort, upstreams: [try port], processes: processes)
        try await processes.waitUntil("nginx", process: "nginx") {
            try await DeploymentProcesses.get("http://127.0.0.1:\(edgePort)/v1/healthcheck").status == 200
        }
        return edgePort
    }

    /// The processes of the server running in `directory` and, when it runs, its edge's (for their resident memory).
    static func watchedPids(in directory: URL) -> [Int32] {
        ProcessMemory.pids(workingDirectory: directory, argument: "serve")
            + ProcessMemory.nginxPids(prefix: directory.appendingPathComponent("nginx"))
    }
}
