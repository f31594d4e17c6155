import ArgumentParser
import Foundation
import LoadMeasures
import TiplineClient
import TiplineCore

/// `tipline-bench ratchet`: the reader app's checkpoint through TiplineClient's product API. A `ReaderClient` (the
/// default software device key store) starts against a `tipline serve` process, as every installation does (no
/// session: nobody typed a passphrase), then `didEnterBackground()` runs `--iterations` times: the checkpoint without
/// network, that is the storage ratchet of the vault and the sending queue (a new device key, both files wrapped
/// anew and replaced durably, the previous key erased) and `schedule.json`. Next to it, in the same run, the same
/// files (as many bytes as the checkpoint writes) rewritten twice without the outer layer: a plain atomic rewrite
/// (`Data.write(options: .atomic)`, no `fsync`: the reference of earlier runs) and a durable one (`fsync` of each
/// file and of its folder). Medians; the verdict is the ratio, never the absolute time.
struct RatchetCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ratchet",
        abstract: "A reader app's checkpoint (the storage ratchet) next to plain and durable rewrites of its files.")

    @OptionGroup var binary: TiplineBinaryOption

    @Option(help: "Checkpoints measured; the median counts.")
    var iterations = 51

    func validate() throws {
        guard iterations > 0 else { throw ValidationError("--iterations must be positive") }
    }

    func run() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tipline-ratchet-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let app = folder.appendingPathComponent("app")
        let client = try await Self.startedClient(tipline: binary.tipline, in: folder, app: app)

        // What one checkpoint writes: the files it replaces (a new inode) or changes, sized as on disk.
        let before = try Self.snapshot(app)
        try await client.didEnterBackground()
        let after = try Self.snapshot(app)
        let written = after.filter { before[$0.key] != $0.value }.sorted { $0.key < $1.key }
        guard written.count(where: { before[$0.key]?.bytes != $0.value.bytes }) >= 2 else {
            throw BenchmarkFailure("a checkpoint must change the bytes of the vault and the queue")
        }
        let files = written.map { ($0.key, SecureRandom.bytes($0.value.bytes.count)) }
        let plain = folder.appendingPathComponent("plain")
        let durable = folder.appendingPathComponent("durable")
        for directory in [plain, durable] {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        }

        var checkpoints: [Double] = [], plainRewrites: [Double] = [], durableRewrites: [Double] = []
        for _ in 0..<iterations {
            checkpoints.append(try await Measures.milliseconds { try await client.didEnterBackground() })
            plainRewrites.append(
                try await Measures.milliseconds {
                    for (name, bytes) in files {
                        try Data(bytes).write(to: plain.appendingPathComponent(name), options: .atomic)
                    }
                })
            durableRewrites.append(
                try await Measures.milliseconds {
                    for (name, bytes) in files {
                        try DurableRewrite.write(bytes, to: durable.appendingPathComponent(name))
                    }
                })
        }
        let (checkpoint, plainRewrite, durableRewrite) = (
            Measures.median(checkpoints), Measures.median(plainRewrites), Measures.median(durableRewrites)
        )
        let sizes = files.map { "\($0.0) \($0.1.count) B" }.joined(separator: ", ")
        print("reader checkpoint (didEnterBackground, no session): \(sizes); medians of \(iterations)")
        print(Self.row("checkpoint with the storage ratchet", checkpoint))
        print(Self.row("plain atomic rewrite (no fsync)", plainRewrite))
        print(Self.row("durable atomic rewrite (fsync)", durableRewrite))
        print(String(format: "checkpoint / plain rewrite: %.1fx", checkpoint / max(plainRewrite, 0.001)))
        print(String(format: "checkpoint / durable rewrite: %.1fx", checkpoint / max(durableRewrite, 0.001)))
    }

    /// A reader client started against a `tipline serve` process (which is stopped afterwards: a background
    /// checkpoint needs no network). The first start waits for the server's CoverNode to publish its key.
    private static func startedClient(tipline: String, in folder: URL, app: URL) async throws -> ReaderClient {
        var server = ServerProcesses(folder: folder)
        defer { server.stop() }
        try await server.start(tipline) { ["serve", "--data", "server", "--port", "\($0)"] }
        let root = "http://127.0.0.1:\(server.ports.first ?? 0)"
        let anchorsFile = folder.appendingPathComponent("server/keys/trust-anchors.json")
        let anchors = try JSONDecoder().decode([SignedPublicKeyJSON].self, from: Data(contentsOf: anchorsFile))
            .map(SignedPublicKey<SigningPublicKey<Role.Organization>>.init(json:))
        guard let api = URL(string: root + "/v1"), let messages = URL(string: root) else {
            throw BenchmarkFailure("no URL for \(root)")
        }
        let client = try ReaderClient(
            configuration: ClientConfiguration(apiBaseURL: api, messageBaseURL: messages, trustAnchors: anchors),
            directory: app)
        for _ in 0..<600 {
            do {
                try await client.start()
                return client
            } catch let error as ClientError where error.code == .keysUnavailable {
                try await Task.sleep(for: .milliseconds(100))
            }
        }
        throw BenchmarkFailure("the server's CoverNode published no key within a minute")
    }

    /// A regular file as a snapshot sees it: its inode (an atomic replacement makes a new one) and its bytes.
    private struct FileState: Equatable {
        let inode: Int
        let bytes: Data
    }

    /// Every regular file of `folder` by name.
    private static func snapshot(_ folder: URL) throws -> [String: FileState] {
        var files: [String: FileState] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) {
            let path = folder.appendingPathComponent(name).path
            let attributes = try FileManager.default.attributesOfItem(atPath: path)
            guard attributes[.type] as? FileAttributeType == .typeRegular,
                let inode = attributes[.systemFileNumber] as? Int
            else { continue }
            files[name] = FileState(inode: inode, bytes: try Data(contentsOf: URL(fileURLWithPath: path)))
        }
        return files
    }

    private static func row(_ label: String, _ milliseconds: Double) -> String {
        label.padding(toLength: 40, withPad: " ", startingAt: 0) + String(format: "%9.2f ms", milliseconds)
    }
}
