import Foundation
import TiplineCore

/// A throwaway newsroom made with the `tipline` CLI the way docs/operations.md sets one up: the key ceremony
/// (`tipline admin init`, `add-covernode`, `add-journalist`), a `tipline api` process on a SQLite file with the
/// provisioning keys published, one journalist registered (`tipline journalist init`, then `sync`), and the CoverNode
/// bootstrapped from its setup bundle by a first `tipline covernode` run that publishes its messaging key. The
/// CoverNode keeps its keys under a key file (no passphrase, so a start does not spend a second in Argon2id).
struct Newsroom {
    static let journalistId = "bench_journalist"

    let tipline: String
    let folder: URL
    let anchors: [SignedPublicKey<SigningPublicKey<Role.Organization>>]
    private var api: ServerProcesses

    /// The SQLite file of the API and the CoverNode.
    var database: String { folder.appendingPathComponent("tipline.sqlite").path }
    /// The API root, without `/v1`.
    var apiURL: String { "http://127.0.0.1:\(api.ports.first ?? 0)" }
    private var coverNodeState: String { folder.appendingPathComponent("covernode").path }
    private var coverNodeBundle: String { folder.appendingPathComponent("covernode-bundle.json").path }

    /// Runs the ceremony in `folder`, starts the API and brings up the journalist and the CoverNode.
    static func open(tipline: String, in folder: URL) async throws -> Newsroom {
        let anchorsPath = try ServerProcesses.trustAnchors(tipline: tipline, in: folder)
        let anchors = try JSONDecoder().decode(
            [SignedPublicKeyJSON].self, from: Data(contentsOf: URL(fileURLWithPath: anchorsPath))
        ).map(SignedPublicKey<SigningPublicKey<Role.Organization>>.init(json:))
        var newsroom = Newsroom(
            tipline: tipline, folder: folder, anchors: anchors, api: ServerProcesses(folder: folder))
        let database = newsroom.database
        try await newsroom.api.start(tipline) { port in
            [
                "api", "--port", "\(port)", "--database", database, "--trust-anchors", anchorsPath, "--log-level",
                "warning",
            ]
        }
        try newsroom.admin(["publish", "--api-url", newsroom.apiURL])
        try newsroom.admin(["add-covernode", "covernode_001", "--out", newsroom.coverNodeBundle])
        try newsroom.admin([
            "add-journalist", journalistId, "--name", "Benchmark Journalist", "--out", "journalist-bundle.json",
        ])
        let journalist = [
            "TIPLINE_VAULT": folder.appendingPathComponent("journalist.vault").path,
            "TIPLINE_VAULT_PASSPHRASE": "benchmark journalist vault passphrase", "TIPLINE_API_URL": newsroom.apiURL,
        ]
        try ServerProcesses.run(
            tipline, ["journalist", "init", "--setup-bundle", "journalist-bundle.json"], in: folder,
            environment: journalist)
        try ServerProcesses.run(tipline, ["journalist", "sync"], in: folder, environment: journalist)

        var bootstrap = try await newsroom.startCoverNode(environment: [:], setupBundle: true)
        defer { bootstrap.stop() }
        try await newsroom.waitFor("the CoverNode's messaging key") {
            !(try await newsroom.verifiedKeys().latestCoverNodeMessagingKeys.isEmpty)
        }
        return newsroom
    }

    /// Starts a `tipline covernode` process on the newsroom's database with `environment` (settings such as
    /// `TIPLINE_MIXING_U2J_THRESHOLD_MAX`); its port is its private metrics listener.
    func startCoverNode(environment: [String: String], setupBundle: Bool = false) async throws -> ServerProcesses {
        var coverNode = ServerProcesses(folder: folder)
        let (api, state, database, bundle) = (apiURL, coverNodeState, database, coverNodeBundle)
        try await coverNode.start(tipline, environment: environment) { port in
            [
                "covernode", "--api-url", api, "--state-dir", state, "--sqlite", database, "--metrics-port",
                "\(port)", "--log-level", "warning",
            ] + (setupBundle ? ["--setup-bundle", bundle] : [])
        }
        return coverNode
    }

    /// Posts `messages` to the API's appender, as readers' apps do.
    func fill(with messages: [[UInt8]]) async throws {
        try await StreamFiller.post(messages, toPort: api.ports.first ?? 0)
    }

    /// What the API publishes, verified against the ceremony's trust anchors now.
    func verifiedKeys() async throws -> VerifiedKeys {
        let body = try await LoopbackHTTP.get(apiURL + "/v1/public-keys")
        return VerifiedKeys(
            try JSONDecoder().decode(PublicKeysResponse.self, from: Data(body.utf8)), trustAnchors: anchors,
            now: SystemWallClock().now())
    }

    /// The journalist dead drops the API serves, counted page by page.
    func journalistDeadDropCount() async throws -> Int {
        struct Page: Decodable {
            struct Entry: Decodable { let id: Int32 }
            let deadDrops: [Entry]
            enum CodingKeys: String, CodingKey { case deadDrops = "dead_drops" }
        }
        var count = 0
        var last: Int32 = 0
        while true {
            let body = try await LoopbackHTTP.get(apiURL + "/v1/journalist/dead-drops?ids_greater_than=\(last)")
            let page = try JSONDecoder().decode(Page.self, from: Data(body.utf8))
            guard let next = page.deadDrops.last?.id else { return count }
            count += page.deadDrops.count
            last = next
        }
    }

    /// Stops the API.
    mutating func stop() { api.stop() }

    private func admin(_ arguments: [String]) throws {
        try ServerProcesses.run(tipline, ["admin"] + arguments + ["--keys", "keys"], in: folder)
    }

    private func waitFor(_ what: String, _ condition: () async throws -> Bool) async throws {
        for _ in 0..<600 {
            if try await condition() { return }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw BenchmarkFailure("timed out waiting for \(what)")
    }
}
