import Foundation
import TiplineTestSupport

/// `scripts/deployment/nginx.conf.template`, rendered for loopback: nginx listening on `port` in front of
/// `upstreams`, with its cache and temporary files in `directory`.
enum EdgeConfig {
    /// The template's per-address request rate, as written in its `limit_req_zone` line.
    static let productionRequestRate = "rate=20r/s"

    /// Writes `directory/nginx.conf` and returns its path. `requestsPerSecond` replaces the template's per-address
    /// request rate (a documented setting) for a test whose many simulated apps share one loopback address.
    static func render(port: Int, upstreams: [Int], directory: URL, requestsPerSecond: Int? = nil) throws -> URL {
        var template = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { template.deleteLastPathComponent() }
        template.appendPathComponent("scripts/deployment/nginx.conf.template")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let servers = upstreams.map { "server 127.0.0.1:\($0) max_fails=1 fail_timeout=10s;" }.joined(
            separator: "\n        ")
        var config = try String(contentsOf: template, encoding: .utf8)
        if let requestsPerSecond {
            guard config.contains(productionRequestRate) else {
                throw TestFailure("the edge template has no \(productionRequestRate) to replace")
            }
            config = config.replacingOccurrences(of: productionRequestRate, with: "rate=\(requestsPerSecond)r/s")
        }
        config =
            config
            .replacingOccurrences(of: "@LISTEN@", with: "127.0.0.1:\(port)")
            .replacingOccurrences(of: "@UPSTREAMS@", with: servers)
            .replacingOccurrences(of: "@CACHE_DIR@", with: directory.path)
        let file = directory.appendingPathComponent("nginx.conf")
        try config.write(to: file, atomically: true, encoding: .utf8)
        return file
    }

    /// Starts nginx in the foreground as process `nginx` of `processes`.
    static func start(
        port: Int, upstreams: [Int], processes: DeploymentProcesses, requestsPerSecond: Int? = nil
    ) throws {
        let directory = processes.directory.appendingPathComponent("nginx")
        let file = try render(
            port: port, upstreams: upstreams, directory: directory, requestsPerSecond: requestsPerSecond)
        try processes.start(
            "nginx", try DeploymentProcesses.tool("nginx"),
            ["-p", directory.path, "-c", file.path, "-g", "daemon off;"])
    }
}
