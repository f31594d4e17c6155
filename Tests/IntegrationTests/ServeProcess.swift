import Foundation
import TiplineAPIClient
import TiplineCore
import TiplineTestSupport

#if canImport(Glibc)
import Glibc
#endif

/// A `tipline serve` child process in a temporary folder, on free loopback ports, with its output in log files
/// (a full pipe would block the server). Call ``stop()`` when done: it ends the process and removes the folder.
struct ServeProcess {
    let folder: TemporaryDirectory
    let processes: DeploymentProcesses
    let url: String
    /// The private metrics listener (`--metrics-port`).
    let metricsURL: String
    let api: APIClient
    let trustAnchors: [SignedPublicKey<SigningPublicKey<Role.Organization>>]
    /// The server's working folder.
    var directory: URL { folder.url }

    /// Starts `tipline serve` with the test mixing profile and a private metrics listener, and waits until its
    /// CoverNode messaging key is published and verifies.
    static func start() async throws -> ServeProcess {
        let folder = try TemporaryDirectory(), directory = folder.url
        let processes = DeploymentProcesses(directory: directory)
        let port = try LoopbackPort.free()
        let metricsPort = try LoopbackPort.free()
        let url = "http://127.0.0.1:\(port)"
        try processes.start(
            "serve", TiplineBinary.path,
            ["serve", "--data", "data", "--port", "\(port)", "--metrics-port", "\(metricsPort)", "--dev-mixing"])
        let anchorsFile = directory.appendingPathComponent("data/keys/trust-anchors.json")
        try await processes.waitUntil("the development keys", process: "serve", timeout: .seconds(60)) {
            FileManager.default.fileExists(atPath: anchorsFile.path)
        }
        let anchors = try JSONDecoder().decode([SignedPublicKeyJSON].self, from: Data(contentsOf: anchorsFile))
            .map(SignedPublicKey<SigningPublicKey<Role.Organization>>.init(json:))
        let server = ServeProcess(
            folder: folder, processes: processes, url: url, metricsURL: "http://127.0.0.1:\(metricsPort)",
            api: APIClient(baseURL: url), trustAnchors: anchors)
        try await processes.waitUntil("the CoverNode's messaging key", process: "serve", timeout: .seconds(60)) {
            !(try await server.coverNodeKeys().isEmpty)
        }
        return server
    }

    /// Adds journalist `id` with `tipline admin` and registers its keys with `tipline journalist init` and `sync`.
    func addJournalist(_ id: String) async throws {
        let binary = TiplineBinary.path
        try await processes.run(
            "add-\(id)", binary,
            ["admin", "add-journalist", id, "--name", id, "--keys", "data/keys", "--out", "\(id).json"])
        let environment = [
            "TIPLINE_VAULT": directory.appendingPathComponent("\(id).vault").path,
            "TIPLINE_VAULT_PASSPHRASE": "correct horse battery staple", "TIPLINE_API_URL": url,
        ]
        try await processes.run(
            "init-\(id)", binary, ["journalist", "init", "--setup-bundle", "\(id).json"], environment: environment)
        try await processes.run("sync-\(id)", binary, ["journalist", "sync"], environment: environment)
    }

    /// The value of one sample (`name{labels}`) on the private metrics listener, 0 when absent.
    func privateMetric(_ sample: String) async throws -> Double {
        let text = try await DeploymentProcesses.get(metricsURL + "/metrics").body
        let line = text.split(separator: "\n").first { $0.hasPrefix(sample + " ") }
        return line.flatMap { Double($0.dropFirst(sample.count + 1)) } ?? 0
    }

    /// Stops the server (SIGTERM, then SIGKILL) and removes its folder.
    func stop() {
        processes.stopAll()
        folder.remove()
    }

    /// The published hierarchy, verified against the server's trust anchors now.
    func verifiedKeys() async throws -> VerifiedKeys {
        VerifiedKeys(try await api.publicKeys(), trustAnchors: trustAnchors, now: SystemWallClock().now())
    }

    /// The CoverNode messaging keys a reader seals U2C messages to.
    func coverNodeKeys() async throws -> [EncryptionPublicKey<Role.CoverNodeMessaging>] {
        try await verifiedKeys().latestCoverNodeMessagingKeys
    }
}
