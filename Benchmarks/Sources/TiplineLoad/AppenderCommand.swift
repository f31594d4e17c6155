import ArgumentParser
import Foundation

/// `tipline-bench appender`: appender ingest over real HTTP on loopback. One `tipline api` process runs on a
/// temporary SQLite file and the empty Hummingbird endpoint (`empty-endpoint`) in another; many keep-alive clients
/// post 773-byte messages to each in turn, for `--rounds` alternating rounds, and the best round of each counts. The
/// verdict is the ratio of the two rates (target at least 0.50) and that every acknowledged message is in the
/// stream, never an absolute rate; the p99 latency is judged on its own line.
struct AppenderCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "appender", abstract: "POST /user/messages against an empty Hummingbird endpoint, same run.")

    @OptionGroup var load: LoadOptions

    @Option(help: "Alternating rounds of the two loads; the best of each counts.")
    var rounds = 2

    func run() async throws {
        print(
            "appender ingest: \(load.clients) keep-alive clients, \(load.seconds) s measured after 1 s warm-up, "
                + "773-byte messages")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tipline-bench-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }

        var empty = ServerProcesses(folder: folder)
        defer { empty.stop() }
        try await empty.start(CommandLine.arguments[0]) { ["empty-endpoint", "--port", "\($0)"] }
        let anchors = try ServerProcesses.trustAnchors(tipline: load.tipline, in: folder)
        let database = folder.appendingPathComponent("bench.sqlite").path
        var api = ServerProcesses(folder: folder)
        defer { api.stop() }
        try await api.start(load.tipline) { port in
            [
                "api", "--port", "\(port)", "--database", database, "--trust-anchors", anchors, "--log-level",
                "warning",
            ]
        }
        // The two loads alternate and the best round of each counts: other load on the machine only slows a round.
        var results: [(empty: AppenderLoad.Measurement, appender: AppenderLoad.Measurement)] = []
        for _ in 0..<self.rounds {
            results.append(
                (
                    try await AppenderLoad.drive(ports: empty.ports, clients: load.clients, window: load.window),
                    try await AppenderLoad.drive(ports: api.ports, clients: load.clients, window: load.window)
                ))
        }
        api.stop()
        guard let reference = results.map(\.empty).max(by: { $0.rate < $1.rate }),
            let appender = results.map(\.appender).max(by: { $0.rate < $1.rate })
        else { throw BenchmarkFailure("no round ran") }
        let acknowledged = results.map(\.appender.acknowledged).reduce(0, +)
        let failures = results.map(\.appender.failures).reduce(0, +)
        let stored =
            Int(try ServerProcesses.run("/usr/bin/env", ["sqlite3", database, "SELECT count(*) FROM u2c_messages"]))
            ?? -1

        print(AppenderLoad.row("empty Hummingbird endpoint", reference))
        print(AppenderLoad.row("POST /user/messages (SQLite)", appender))
        let ratio = appender.rate / max(reference.rate, 1)
        print(String(format: "ratio appender / empty: %.2f (target >= 0.50)", ratio))
        print(
            "acknowledged \(acknowledged), \(stored) in the stream, \(failures) failed requests, best of \(self.rounds)"
        )
        let meets = ratio >= 0.5 && stored == acknowledged
        print("verdict: \(meets ? "meets" : "MISSES") the target (ratio to the empty endpoint, every 200 stored)")
        let latency = String(format: "latency: p99 %.1f ms (target < 50 ms): ", appender.p99)
        print(latency + (appender.p99 < 50 ? "met" : "NOT met"))
    }
}
