import Foundation
import Testing
import TiplineClient
import TiplineCore
import TiplineSimulation
import TiplineTestSupport

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
                    try await Self.killProbe(at: step, state: copy, logFolder: api.folder)
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
    static func killProbe(at step: RatchetStep, state: URL, logFolder: URL) async throws {
        let probe = try ChildProcess(
            "probe-\(state.lastPathComponent)", TiplineBinary.path,
            [
                "client-ratchet-probe", "--state", state.path, "--device-keys", state.path + ".device-keys",
                "--stop-after", step.description,
            ], logFolder: logFolder)
        try await eventually("the probe to reach \(step)", timeout: .seconds(60)) {
            probe.logText.contains("reached \(step)") || !probe.isRunning
        }
        #expect(probe.logText.contains("reached \(step)"), "the probe never reached \(step): \(probe.logTail)")
        probe.signal(SIGKILL)
        let exit = try await probe.waitForExit(within: .seconds(10))
        #expect(exit.signalled, "\(step): the probe was not killed")
    }
}
