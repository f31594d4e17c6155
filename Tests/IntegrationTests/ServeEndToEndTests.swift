import Foundation
import Testing
import TiplineAPIClient
import TiplineClient
import TiplineCore
import TiplineTestSupport

/// The README's path with the built binary: `tipline serve` in a temporary folder, `tipline admin` adds a journalist,
/// a simulated source (a real `ReaderClient`) sends a tip, `tipline journalist` reads it and replies, the source
/// receives the reply; then `serve` is killed with SIGKILL and restarted, and nothing is lost.
@Suite(.serialized) struct ServeEndToEndTests {
    let tip = "The documents are in locker 12."
    let answer = "Thank you. Can we talk on Thursday?"

    @Test func aTipAndItsReplyTravelThroughTheBinaryAndSurviveSIGKILL() async throws {
        let folder = try TemporaryDirectory(), directory = folder.url
        defer { folder.remove() }
        let port = try LoopbackPort.free()
        let url = "http://127.0.0.1:\(port)"
        let api = APIClient(baseURL: url)
        var serve = try startServe(port: port, in: directory)
        defer { serve.stop(SIGTERM) }
        try await eventually(
            "the server's CoverNode key", timeout: .seconds(60), every: .milliseconds(500), ignoringErrors: true
        ) {
            !(try await api.publicKeys().keys.flatMap(\.covernodes).isEmpty)
        }

        let journalist = [
            "TIPLINE_VAULT": directory.appendingPathComponent("alice.vault").path,
            "TIPLINE_VAULT_PASSPHRASE": "correct horse battery staple", "TIPLINE_API_URL": url,
        ]
        try expectSuccess(
            [
                "admin", "add-journalist", "alice", "--name", "Alice", "--description", "Investigations",
                "--keys", "data/keys", "--out", "alice.json",
            ], in: directory)
        try expectSuccess(
            ["journalist", "init", "--setup-bundle", "alice.json"], environment: journalist, in: directory)
        try expectSuccess(["journalist", "sync"], environment: journalist, in: directory)
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("alice.json").path))
        // No wait for the CoverNode's periodic key refresh: it refreshes on demand when a real message is for a
        // journalist it does not know yet (CoverDrop's drops such a message).

        let clock = ManualWallClock(start: SystemWallClock().now())
        let reader = try makeReader(url: url, in: directory, clock: clock)
        try await reader.start()
        let passphrase = Passphrase.generate(wordCount: 5, from: try WordList.bundled())
        try await reader.createSession(with: passphrase)
        try await reader.send(tip, to: "alice")
        try await reader.didEnterBackground()
        clock.advance(by: .seconds(2 * 3600))
        _ = try await reader.runBackgroundTask()

        try await eventually(
            "the tip in the journalist's inbox", timeout: .seconds(60), every: .milliseconds(500), ignoringErrors: true
        ) {
            try expectSuccess(["journalist", "sync"], environment: journalist, in: directory)
            return try TiplineBinary.run(["journalist", "read", "1"], environment: journalist, in: directory)
                .output.contains(tip)
        }
        try expectSuccess(["journalist", "reply", "1", answer], environment: journalist, in: directory)
        let sender = try ChildProcess(
            "sender", TiplineBinary.path, ["journalist", "run", "--send-interval", "1"], environment: journalist,
            in: directory, logFolder: directory)
        defer { sender.stop(SIGTERM) }
        try await eventually(
            "a user dead drop with the reply", timeout: .seconds(60), every: .milliseconds(500), ignoringErrors: true
        ) {
            !(try await api.deadDrops(.user, idsGreaterThan: 0).isEmpty)
        }
        sender.signal(SIGINT)
        _ = try await sender.waitForExit(within: .seconds(30))

        // The embedded CoverNode's counters tell real messages from cover: never on the API's port (they are on
        // the private --metrics-port listener; PublicListenerTests reads them there).
        #expect(try await DeploymentProcesses.get(url + "/metrics").status == 404)

        clock.advance(by: .seconds(2 * 3600))
        try await reader.didEnterForeground()
        try await reader.unlock(passphrase)
        let received = try await reader.conversations().flatMap(\.messages).filter { $0.direction == .received }
        #expect(received.map(\.text) == [answer])

        serve.stop()
        serve = try startServe(port: port, in: directory)
        try await eventually(
            "the restarted server", timeout: .seconds(60), every: .milliseconds(500), ignoringErrors: true
        ) {
            try await api.publicKeys().journalistProfiles.contains { $0.id == "alice" }
        }
        let inbox = try TiplineBinary.run(["journalist", "read", "1"], environment: journalist, in: directory)
        #expect(inbox.output.contains(tip) && inbox.output.contains(answer))
        #expect(!(try await api.deadDrops(.user, idsGreaterThan: 0).isEmpty))
        #expect(!(try await api.deadDrops(.journalist, idsGreaterThan: 0).isEmpty))
    }

    private func startServe(port: Int, in directory: URL) throws -> ChildProcess {
        try ChildProcess(
            "serve", TiplineBinary.path, ["serve", "--data", "data", "--port", "\(port)", "--dev-mixing"],
            in: directory, logFolder: directory)
    }

    private func makeReader(url: String, in directory: URL, clock: ManualWallClock) throws -> ReaderClient {
        let anchorData = try Data(contentsOf: directory.appendingPathComponent("data/keys/trust-anchors.json"))
        let anchors = try JSONDecoder().decode([SignedPublicKeyJSON].self, from: anchorData)
            .map(SignedPublicKey<SigningPublicKey<Role.Organization>>.init(json:))
        let base = try #require(URL(string: url))
        let configuration = ClientConfiguration(
            environment: .development, apiBaseURL: base.appendingPathComponent("v1"), messageBaseURL: base,
            trustAnchors: anchors, vaultKDF: .testOnly)
        return try ReaderClient(
            configuration: configuration, directory: directory.appendingPathComponent("reader"), clock: clock)
    }

    @discardableResult
    private func expectSuccess(
        _ arguments: [String], environment: [String: String] = [:], in directory: URL
    ) throws
        -> TiplineBinary.Result
    {
        let result = try TiplineBinary.run(arguments, environment: environment, in: directory)
        #expect(result.status == 0, "tipline \(arguments.joined(separator: " ")): \(result.error)")
        return result
    }
}
