import ArgumentParser
import Foundation

/// `tipline-bench scale --postgres-url <url>`: appender throughput of the scale-out deployment. `--instances`
/// `tipline api` processes run over a fresh PostgreSQL database and the clients spread over them; then the same
/// clients drive one `tipline api` process on a SQLite file, the reference of the same run. Each run checks that
/// every acknowledged message is in the stream (counted with `psql` and `sqlite3`).
struct ScaleCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scale", abstract: "PostgreSQL behind several API processes next to one SQLite process.")

    @OptionGroup var load: LoadOptions

    @Option(help: "A PostgreSQL server URL; the benchmark creates and drops its own database there.")
    var postgresURL: String

    @Option(help: "API processes on PostgreSQL.")
    var instances = 2

    func run() async throws {
        print(
            "appender scale-out: \(load.clients) keep-alive clients, \(load.seconds) s after 1 s warm-up, "
                + "773-byte messages")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tipline-scale-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let anchors = try ServerProcesses.trustAnchors(tipline: load.tipline, in: folder)

        let database = "tipline_scale_" + UUID().uuidString.prefix(8).lowercased()
        try psql(postgresURL, "CREATE DATABASE \(database)")
        defer { _ = try? psql(postgresURL, "DROP DATABASE IF EXISTS \(database) WITH (FORCE)") }
        var components = URLComponents(string: postgresURL)
        components?.path = "/" + database
        let databaseURL = components?.string ?? postgresURL
        let sqlitePath = folder.appendingPathComponent("scale.sqlite").path

        let postgres = try await measure(database: databaseURL, anchors: anchors, instances: instances, in: folder)
        let postgresStored = try psql(databaseURL, "SELECT count(*) FROM u2c_messages")
        let sqlite = try await measure(database: sqlitePath, anchors: anchors, instances: 1, in: folder)
        let sqliteStored = try ServerProcesses.run(
            "/usr/bin/env", ["sqlite3", sqlitePath, "SELECT count(*) FROM u2c_messages"])

        print(AppenderLoad.row("PostgreSQL, \(instances) API processes", postgres))
        print(AppenderLoad.row("SQLite, 1 API process", sqlite))
        print(String(format: "ratio PostgreSQL / SQLite: %.2f", postgres.rate / max(sqlite.rate, 1)))
        print(
            "PostgreSQL: acknowledged \(postgres.acknowledged), \(postgresStored) in the stream, "
                + "\(postgres.failures) failed"
        )
        print("SQLite: acknowledged \(sqlite.acknowledged), \(sqliteStored) in the stream, \(sqlite.failures) failed")
        let durable = postgresStored == "\(postgres.acknowledged)" && sqliteStored == "\(sqlite.acknowledged)"
        print("verdict: every acknowledged message stored: \(durable ? "yes" : "NO")")
    }

    /// Starts `instances` API processes on `database`, drives the load over them, then stops them.
    private func measure(
        database: String, anchors: String, instances: Int, in folder: URL
    ) async throws -> AppenderLoad.Measurement {
        var servers = ServerProcesses(folder: folder)
        defer { servers.stop() }
        for _ in 0..<instances {
            try await servers.start(load.tipline) { port in
                [
                    "api", "--port", "\(port)", "--database", database, "--trust-anchors", anchors, "--log-level",
                    "warning",
                ]
            }
        }
        return try await AppenderLoad.drive(ports: servers.ports, clients: load.clients, window: load.window)
    }

    /// Runs one SQL statement with `psql` and returns its trimmed output.
    @discardableResult
    private func psql(_ url: String, _ sql: String) throws -> String {
        try ServerProcesses.run("/usr/bin/env", ["psql", url, "-tAq", "-v", "ON_ERROR_STOP=1", "-c", sql])
    }
}
