import ArgumentParser
import Foundation

/// `tipline-bench appender`: appender ingest over real HTTP on loopback. One `tipline api` process runs on a
/// temporary SQLite file; many keep-alive clients post 773-byte messages to it, then to the empty Hummingbird
/// endpoint (`empty-endpoint`, also a process) in the same run. The verdict is the ratio of the two rates (target
/// at least 0.50) and that every acknowledged message is in the stream; the p99 latency is judged on its own line.
struct AppenderCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "appender", abstract: "POST /user/messages against an empty Hummingbird endpoint, same run.")

    @OptionGroup var load: LoadOptions

    func run() async throws {
        print(
            "appender ingest: \(load.clients) keep-alive clients, \(load.seconds) s measured after 1 s warm-up, "
                + "773-byte messages")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tipline-bench-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }

        var servers = ServerProcesses(folder: folder)
        defer { servers.stop() }
        try await servers.start(CommandLine.arguments[0]) { ["empty-endpoint", "--port", "\($0)"] }
        let empty = try await AppenderLoad.drive(ports: servers.ports, clients: load.clients, window: load.window)
        servers.stop()

        let anchors = try ServerProcesses.trustAnchors(tipline: load.tipline, in: folder)
        let database = folder.appendingPathComponent("bench.sqlite").path
        try await servers.start(load.tipline) { port in
            [
                "api", "--port", "\(port)", "--database", database, "--trust-anchors", anchors, "--log-level",
                "warning",
            ]
        }
        let appender = try await AppenderLoad.drive(ports: servers.ports, clients: load.clients, window: load.window)
        servers.stop()
        let stored =
            Int(try ServerProcesses.run("/usr/bin/env", ["sqlite3", database, "SELECT count(*) FROM u2c_messages"]))
            ?? -1

        print(AppenderLoad.row("empty Hummingbird endpoint", empty))
        print(AppenderLoad.row("POST /user/messages (SQLite)", appender))
        let ratio = appender.rate / max(empty.rate, 1)
        print(String(format: "ratio appender / empty: %.2f (target >= 0.50)", ratio))
        print("acknowledged \(appender.acknowledged), \(stored) in the stream, \(appender.failures) failed requests")
        let meets = ratio >= 0.5 && stored == appender.acknowledged
        print("verdict: \(meets ? "meets" : "MISSES") the target (ratio to the empty endpoint, every 200 stored)")
        let latency = String(format: "latency: p99 %.1f ms (target < 50 ms): ", appender.p99)
        print(latency + (appender.p99 < 50 ? "met" : "NOT met"))
    }
}
