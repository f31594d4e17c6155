import Foundation
import Testing
import TiplineClient
import TiplineCore
import TiplineTestSupport

/// The reader app's state folder (and its device keys) on a small tmpfs that fills up: a checkpoint that meets
/// `ENOSPC` throws a clear ``ClientError``, the files on disk still open with their previous content, and the next
/// checkpoint after space is freed saves everything.
@Suite("Reader vault on a full disk", .enabled(if: SmallFileSystem.isAvailable, "needs root to mount a tmpfs"))
struct VaultDiskFullTests {
    /// No space at all (the new device key cannot be written), and room for the key but not for the vault.
    @Test(arguments: [0, 64 * 1024])
    func aCheckpointOnAFullDiskLosesNothing(headroom: Int) async throws {
        try await ReaderDeployment.with { api in
            let disk = try SmallFileSystem(bytes: 4 << 20)
            defer { disk.unmount() }
            let folder = URL(fileURLWithPath: disk.file("app"))
            let app = try ReaderClient(configuration: api.clientConfiguration, directory: folder, clock: api.clock)
            try await app.start()
            let passphrase = app.generatePassphrase()
            try await app.createSession(with: passphrase)
            try await app.send("Saved before the disk filled up", to: "alice")
            try await app.didEnterBackground()
            let saved = try await app.conversations()

            try disk.fill(leaving: headroom)
            try await app.send("Written while the disk is full", to: "alice")
            let error = await #expect(throws: ClientError.self) { try await app.didEnterBackground() }
            #expect(error?.code == .diskFull)
            #expect(error?.message.hasSuffix("No space left on device") == true)
            #expect(error?.message.contains(disk.path) == false)
            #expect(try leftovers(in: disk) == [])

            // The app is killed now and restarted once space is free: the vault opens with its previous content.
            disk.free()
            #expect(try await reopened(folder, api, passphrase).conversations() == saved)

            // The app that kept running saves everything at its next checkpoint, with one device key left.
            try await app.didEnterBackground()
            let restarted = try await reopened(folder, api, passphrase)
            #expect(try await restarted.pendingMessageCount() == 2)
            #expect(try await restarted.conversations() == app.conversations())
            #expect(try deviceKeys(of: folder).count == 1)
        }
    }

    private func reopened(_ folder: URL, _ api: ReaderDeployment, _ passphrase: Passphrase) async throws -> ReaderClient
    {
        let app = try ReaderClient(configuration: api.clientConfiguration, directory: folder, clock: api.clock)
        try await app.start()
        try await app.unlock(passphrase)
        return app
    }

    /// Temporary files anywhere on the disk.
    private func leftovers(in disk: SmallFileSystem) throws -> [String] {
        try FileManager.default.subpathsOfDirectory(atPath: disk.path).filter { $0.contains(".tmp-") }
    }

    private func deviceKeys(of folder: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder.path + ".device-keys")
    }
}
