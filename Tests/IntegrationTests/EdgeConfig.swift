import Foundation

/// `scripts/deployment/nginx.conf.template`, rendered for loopback: nginx listening on `port` in front of
/// `upstreams`, with its cache and temporary files in `directory`.
enum EdgeConfig {
    /// Writes `directory/nginx.conf` and returns its path.
    static func render(port: Int, upstreams: [Int], directory: URL) throws -> URL {
        var template = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { template.deleteLastPathComponent() }
        template.appendPathComponent("scripts/deployment/nginx.conf.template")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let servers = upstreams.map { "server 127.0.0.1:\($0) max_fails=1 fail_timeout=10s;" }.joined(
            separator: "\n        ")
        let config = try String(contentsOf: template, encoding: .utf8)
            .replacingOccurrences(of: "@LISTEN@", with: "127.0.0.1:\(port)")
            .replacingOccurrences(of: "@UPSTREAMS@", with: servers)
            .replacingOccurrences(of: "@CACHE_DIR@", with: directory.path)
        let file = directory.appendingPathComponent("nginx.conf")
        try config.write(to: file, atomically: true, encoding: .utf8)
        return file
    }

    /// Starts nginx in the foreground as process `nginx` of `processes`.
    static func start(port: Int, upstreams: [Int], processes: DeploymentProcesses) throws {
        let directory = processes.directory.appendingPathComponent("nginx")
        let file = try render(port: port, upstreams: upstreams, directory: directory)
        try processes.start(
            "nginx", try DeploymentProcesses.tool("nginx"),
            ["-p", directory.path, "-c", file.path, "-g", "daemon off;"])
    }
}
