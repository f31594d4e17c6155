import Foundation
import Testing
import TiplineClient
import TiplineCore
import TiplineSimulation

/// Issue 16: a real `tipline client-ratchet-probe` process ratchets copies of a source's and a non-user's state
/// folders and is killed with SIGKILL at each step of the ratchet; the restarted apps must open as before.
@Suite("Ratchet crash safety")
struct RatchetCrashTests {
    @Test("a SIGKILL at every step of a ratchet loses nothing and leaves the non-user's files like the source's")
    func sigkillAtEveryStep() async throws {
        try await ReaderDeployment.with { api in
            let source = try AppUnderTest(name: "source", api: api)
            let nonUser = try AppUnderTest(name: "non-user", api: api)
            let passphrase = try await source.startAsSource(writing: "Survive the crash")
            await source.client.lock()
            try await nonUser.client.start()
            try await nonUser.client.didEnterBackground()

            for step in RatchetStep.all {
                var folders: [URL] = []
                for app in [source, nonUser] {
                    let copy = api.folder.appendingPathComponent("crash-\(step)-\(app.name)")
                    for suffix in ["", ".device-keys"] {
                        try FileManager.default.copyItem(
                            at: URL(fileURLWithPath: app.folder.path + suffix),
                            to: URL(fileURLWithPath: copy.path + suffix))
                    }
                    try Self.killProbe(at: step, state: copy)
                    folders.append(copy)
                }
                var clients: [ReaderClient] = []
                for folder in folders {
                    let client = try ReaderClient(
                        configuration: api.clientConfiguration, directory: folder, clock: api.clock)
                    try await client.start()
                    clients.append(client)
                }
                try await clients[0].unlock(passphrase)
                #expect(try await clients[0].pendingMessageCount() == 1, "\(step): the queued message survives")
                await clients[0].lock()
                let rejected = await #expect(throws: ClientError.self) { try await clients[1].unlock(passphrase) }
                #expect(rejected?.code == .passphraseRejected)

                let states = try folders.map { try StateSnapshot(of: $0) }
                let keys = try folders.map { try StateSnapshot(of: URL(fileURLWithPath: $0.path + ".device-keys")) }
                #expect(states[0].files.keys.sorted() == states[1].files.keys.sorted(), "\(step): file names")
                #expect(states[0].files.mapValues(\.size) == states[1].files.mapValues(\.size), "\(step): sizes")
                #expect(keys.map(\.files.count) == [1, 1], "\(step): one device key each")
                #expect(keys.map { $0.files.values.map(\.size) } == [[32], [32]], "\(step): device key size")
            }
        }
    }

    /// Runs the probe on `state` until it reports `step`, then kills it with SIGKILL.
    static func killProbe(at step: RatchetStep, state: URL) throws {
        let process = Process()
        process.executableURL = try tiplineExecutable()
        process.arguments = [
            "client-ratchet-probe", "--state", state.path, "--device-keys", state.path + ".device-keys",
            "--stop-after", step.description,
        ]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        var printed = ""
        while !printed.contains("reached \(step)") {
            let chunk = output.fileHandleForReading.availableData
            guard !chunk.isEmpty else { break }
            printed += String(decoding: chunk, as: UTF8.self)
        }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(printed.contains("reached \(step)"), "the probe never reached \(step)")
        #expect(process.terminationReason == .uncaughtSignal, "\(step): the probe was not killed")
    }

    /// The `tipline` executable built next to the tests (`swift build --build-tests` builds both).
    static func tiplineExecutable() throws -> URL {
        let runner = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let candidates = [
            runner, runner.deletingLastPathComponent(), packageRoot.appendingPathComponent(".build/debug"),
        ].map { $0.appendingPathComponent("tipline") }
        guard let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0.path) }) else {
            throw ClientError(.storage, "the tipline executable was not found; run swift build --build-tests first")
        }
        return found
    }
}
