import Foundation
import TiplineTestSupport

/// A fresh PostgreSQL database for one deployment run, created and queried with `psql`.
struct DeploymentDatabase {
    /// The server URL the database was created on (`TIPLINE_POSTGRES_URL`).
    var serverURL: String
    var name: String
    var psql: String

    /// The database's own URL: the server URL with the database name replaced.
    var url: String {
        guard var components = URLComponents(string: serverURL) else { return serverURL }
        components.path = "/" + name
        return components.string ?? serverURL
    }

    /// Creates a database with a random name.
    static func create(serverURL: String, processes: DeploymentProcesses) async throws -> DeploymentDatabase {
        let name = "tipline_deploy_" + UUID().uuidString.prefix(8).lowercased()
        let database = DeploymentDatabase(serverURL: serverURL, name: name, psql: try DeploymentProcesses.tool("psql"))
        try await processes.run(
            "createdb", database.psql, [serverURL, "-v", "ON_ERROR_STOP=1", "-c", "CREATE DATABASE \(name)"])
        return database
    }

    /// The single integer `sql` returns.
    func scalar(_ sql: String, processes: DeploymentProcesses) async throws -> Int {
        let output = try await processes.run("psql", psql, [url, "-tAq", "-v", "ON_ERROR_STOP=1", "-c", sql])
        guard let value = Int(output.trimmingCharacters(in: .whitespacesAndNewlines)) else {
            throw TestFailure("psql returned \(output)")
        }
        return value
    }

    /// The number of rows in `table`.
    func count(_ table: String, processes: DeploymentProcesses) async throws -> Int {
        try await scalar("SELECT count(*) FROM \(table)", processes: processes)
    }

    /// Drops the database (best effort, after every process using it is gone), waiting up to 10 s for `psql`.
    func drop(processes: DeploymentProcesses) {
        let dropping = try? processes.start(
            "dropdb", psql, [serverURL, "-q", "-c", "DROP DATABASE IF EXISTS \(name) WITH (FORCE)"])
        _ = dropping?.exits(within: .seconds(10))
    }
}
