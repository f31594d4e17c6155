import Foundation
import Testing
import TiplineCore
import TiplineTestSupport

@testable import TiplineJournalist

/// The journalist's vault on a small tmpfs that fills up: a change whose save meets `ENOSPC` throws a clear
/// ``JournalistError`` and is not applied, the file still opens with its previous content, and the same change saves
/// once space is freed.
@Suite("Journalist vault on a full disk", .enabled(if: SmallFileSystem.isAvailable, "needs root to mount a tmpfs"))
struct VaultDiskFullTests {
    static let passphrase = "correct horse battery staple"
    static let reader = "00" + String(repeating: "ab", count: 31)

    /// No space at all, and some space (a short write of the new file, then `ENOSPC`).
    @Test(arguments: [0, 16 * 1024])
    func aSaveOnAFullDiskChangesNothing(headroom: Int) async throws {
        let organization = try TestKeyHierarchy(now: Timestamp(seconds: 1_900_000_000))
        let disk = try SmallFileSystem(bytes: 2 << 20)
        defer { disk.unmount() }
        let path = disk.file("alice.vault")
        let vault = try JournalistVault(
            creatingAt: path, from: organization.setupBundle(journalistId: "alice"), passphrase: Self.passphrase,
            kdf: .testOnly, now: organization.now)
        try await append("Saved before the disk filled up", to: vault)
        let revision = await vault.revision
        let saved = try AtomicFile.read(path)

        try disk.fill(leaving: headroom)
        let error = await #expect(throws: JournalistError.self) {
            try await append("Written while the disk is full", to: vault)
        }
        #expect(error?.code == .diskFull)
        #expect(error?.message == "cannot write alice.vault: No space left on device")
        #expect(try await messages(in: vault) == ["Saved before the disk filled up"])
        #expect(await vault.revision == revision)
        #expect(try AtomicFile.read(path) == saved)
        #expect(try FileManager.default.contentsOfDirectory(atPath: disk.path).filter { $0.contains(".tmp-") } == [])

        // The file opens with its previous content, even before space is freed.
        await vault.close()
        let reopened = try await reopen(path)
        #expect(try await messages(in: reopened) == ["Saved before the disk filled up"])

        disk.free()
        try await append("Written once space was freed", to: reopened)
        await reopened.close()
        let again = try await reopen(path)
        #expect(
            try await messages(in: again) == ["Saved before the disk filled up", "Written once space was freed"])
        await again.close()
    }

    /// Opens the vault at `path`. A vault closed a moment ago can look locked while a child process that another
    /// suite is starting still holds a copy of the lock's descriptor between its fork and its exec.
    private func reopen(_ path: String) async throws -> JournalistVault {
        try await eventually("the closed vault's lock to be free", timeout: .seconds(10)) {
            do {
                return try JournalistVault(openingAt: path, passphrase: Self.passphrase)
            } catch let error as JournalistError where error.code == .vaultLocked {
                return nil
            }
        }
    }

    private func append(_ text: String, to vault: JournalistVault) async throws {
        try await vault.update { contents in
            _ = contents.appendMessage(
                replyKey: Self.reader, direction: .incoming, at: Timestamp(seconds: 1_900_000_000), text: text)
        }
    }

    private func messages(in vault: JournalistVault) async throws -> [String] {
        try await vault.read { contents in contents.messages.compactMap(\.text) }
    }
}
