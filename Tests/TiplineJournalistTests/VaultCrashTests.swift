import Foundation
import Testing
import TiplineCore
import TiplineTestSupport

@testable import TiplineJournalist

/// Kills a real `tipline journalist save-loop` process with SIGKILL at random moments of its save loop and checks
/// that the vault on disk is always the last saved revision or the one being written, and always opens.
@Suite("Vault crash safety")
struct VaultCrashTests {
    static let passphrase = "correct horse battery staple"
    static let environment = ["TIPLINE_VAULT_PASSPHRASE": passphrase]

    /// A closed vault at `path`, made with the cheap test KDF.
    static func makeVault(at path: String, id: String) async throws {
        let organization = try TestKeyHierarchy(now: Timestamp(seconds: 1_900_000_000))
        try await JournalistVault(
            creatingAt: path, from: organization.setupBundle(journalistId: id), passphrase: passphrase,
            kdf: .testOnly, now: organization.now
        ).close()
    }

    @Test func sigkillDuringSavesLeavesTheOldOrTheNewVault() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("crash.vault")
        try await Self.makeVault(at: path, id: "crash")

        for round in 0..<8 {
            let process = try TiplineBinary.start(
                ["journalist", "save-loop", "--vault", path], environment: Self.environment, discardingErrors: true)
            let output = try #require(process.standardOutput as? Pipe)
            // Wait until it has saved at least once, then let it run a random while and kill it mid-loop.
            var printed = ""
            let reader = output.fileHandleForReading
            while !printed.contains("saved ") {
                let chunk = reader.availableData
                guard !chunk.isEmpty else { break }
                printed += String(decoding: chunk, as: UTF8.self)
            }
            try await Task.sleep(for: .milliseconds(5 + SecureRandom.uniform(60)))
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            printed += String(decoding: reader.readDataToEndOfFile(), as: UTF8.self)
            #expect(process.terminationReason == .uncaughtSignal, "round \(round): the helper was not killed")
            let revisions = printed.split(separator: "\n").compactMap { UInt64($0.dropFirst("saved ".count)) }
            let lastPrinted = try #require(revisions.last, "round \(round): the helper never saved")

            let vault = try JournalistVault(openingAt: path, passphrase: Self.passphrase)
            let revision = await vault.revision
            #expect(
                revision == lastPrinted || revision == lastPrinted + 1,
                "round \(round): revision \(revision) after \(lastPrinted)")
            #expect(await vault.journalistId == "crash")
            await vault.close()
            let leftovers = try FileManager.default.contentsOfDirectory(atPath: directory.path)
                .filter { $0.hasPrefix(AtomicFile.temporaryPrefix(for: path)) }
            #expect(leftovers.isEmpty, "round \(round): temporary files were not cleaned up")
        }
    }

    @Test func anotherProcessHoldingTheVaultLocksUsOut() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("locked.vault")
        try await Self.makeVault(at: path, id: "locked")
        let process = try TiplineBinary.start(
            ["journalist", "save-loop", "--vault", path], environment: Self.environment, discardingErrors: true)
        let output = try #require(process.standardOutput as? Pipe)
        defer {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
        _ = output.fileHandleForReading.availableData  // it has the vault open once it prints
        let error = #expect(throws: JournalistError.self) {
            try JournalistVault(openingAt: path, passphrase: Self.passphrase)
        }
        #expect(error?.code == .vaultLocked)
    }
}
