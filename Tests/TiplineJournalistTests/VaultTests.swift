import Foundation
import Testing
import TiplineCore
import TiplineTestSupport

@testable import TiplineJournalist

@Suite("Journalist vault")
struct VaultTests {
    static let passphrase = "correct horse battery staple"
    let organization: TestKeyHierarchy
    let directory: TemporaryDirectory

    init() throws {
        organization = try TestKeyHierarchy(now: Timestamp(seconds: 1_900_000_000))
        directory = try TemporaryDirectory()
    }

    private func makeVault(_ name: String = "alice.vault", id: String = "alice") throws -> JournalistVault {
        try JournalistVault(
            creatingAt: directory.file(name), from: organization.setupBundle(journalistId: id),
            passphrase: Self.passphrase, kdf: .testOnly, now: organization.now)
    }

    @Test func reopensWithTheRightPassphrase() async throws {
        defer { directory.remove() }
        let vault = try makeVault()
        let revision = try await vault.save()
        await vault.close()
        let reopened = try JournalistVault(openingAt: directory.file("alice.vault"), passphrase: Self.passphrase)
        #expect(await reopened.journalistId == "alice")
        #expect(await reopened.revision == revision)
    }

    @Test func rejectsAWrongPassphrase() async throws {
        defer { directory.remove() }
        try await makeVault().close()
        let error = #expect(throws: JournalistError.self) {
            try JournalistVault(openingAt: directory.file("alice.vault"), passphrase: "correct horse battery stapler")
        }
        #expect(error?.code == .wrongPassphrase)
    }

    @Test func refusesToOverwriteAnExistingVault() async throws {
        defer { directory.remove() }
        try await makeVault().close()
        let error = #expect(throws: JournalistError.self) { try makeVault() }
        #expect(error?.code == .vaultExists)
    }

    @Test func refusesAShortPassphrase() throws {
        defer { directory.remove() }
        let error = #expect(throws: JournalistError.self) {
            try JournalistVault(
                creatingAt: directory.file("short.vault"), from: organization.setupBundle(journalistId: "bob"),
                passphrase: "short", kdf: .testOnly, now: organization.now)
        }
        #expect(error?.code == .invalidInput)
        #expect(!FileManager.default.fileExists(atPath: directory.file("short.vault")))
    }

    @Test func fileHoldsNoPlaintext() async throws {
        defer { directory.remove() }
        let bundle = try organization.setupBundle(journalistId: "carol_reporter")
        let vault = try JournalistVault(
            creatingAt: directory.file("carol.vault"), from: bundle, passphrase: Self.passphrase, kdf: .testOnly,
            now: organization.now)
        let reader = try EncryptionKeyPair<Role.User>.generate()
        let text = "Meet me at the old mill at nine; bring the ledger"
        try await vault.update { contents in
            _ = contents.ensureSource(replyKey: reader.publicKey.hex, now: Timestamp(seconds: 1_900_000_000))
            contents.appendMessage(
                replyKey: reader.publicKey.hex, direction: .incoming, at: Timestamp(seconds: 1_900_000_000), text: text)
        }
        let alias = try await vault.read { $0.sources[0].alias }
        let file = Data(try AtomicFile.read(directory.file("carol.vault")))
        let identitySeed = try Hex.decode(bundle.identityKeyPair.secretKey)
        let secrets: [(String, [UInt8])] = [
            ("message text", Array(text.utf8)), ("a word of the text", Array("ledger".utf8)),
            ("journalist id", Array("carol_reporter".utf8)), ("source alias", Array(alias.utf8)),
            ("identity seed", identitySeed), ("identity seed hex", Array(bundle.identityKeyPair.secretKey.utf8)),
            ("reply key", reader.publicKey.bytes), ("reply key hex", Array(reader.publicKey.hex.utf8)),
            ("JSON field name", Array("journalistId".utf8)),
        ]
        for (what, needle) in secrets {
            #expect(file.range(of: Data(needle)) == nil, "the vault file contains the \(what)")
        }
    }

    @Test func sizeIsPaddedToABucket() async throws {
        defer { directory.remove() }
        let vault = try makeVault()
        let overhead = VaultCipher.headerLength + SecretBox.overhead
        #expect(try AtomicFile.read(directory.file("alice.vault")).count == VaultPadding.minimumSize + overhead)
        try await vault.update { contents in
            for index in 0..<20 {
                contents.appendMessage(
                    replyKey: "00", direction: .incoming, at: Timestamp(seconds: 0), text: "message \(index)")
            }
        }
        #expect(try AtomicFile.read(directory.file("alice.vault")).count == VaultPadding.minimumSize + overhead)
    }

    @Test func changingThePassphraseReencryptsWithANewSalt() async throws {
        defer { directory.remove() }
        let path = directory.file("alice.vault")
        let vault = try makeVault()
        let before = try AtomicFile.read(path)
        let newPassphrase = "purple elephant quietly juggles"
        try await vault.changePassphrase(to: newPassphrase)
        let after = try AtomicFile.read(path)
        let saltRange = (VaultCipher.headerLength - PasswordKDF.saltLength)..<VaultCipher.headerLength
        #expect(before[saltRange] != after[saltRange])
        await vault.close()
        let old = #expect(throws: JournalistError.self) {
            try JournalistVault(openingAt: path, passphrase: Self.passphrase)
        }
        #expect(old?.code == .wrongPassphrase)
        let reopened = try JournalistVault(openingAt: path, passphrase: newPassphrase)
        #expect(await reopened.journalistId == "alice")
    }

    @Test func aSecondOpenIsRefusedWhileTheLockIsHeld() async throws {
        defer { directory.remove() }
        let path = directory.file("alice.vault")
        let vault = try makeVault()
        let error = #expect(throws: JournalistError.self) {
            try JournalistVault(openingAt: path, passphrase: Self.passphrase)
        }
        #expect(error?.code == .vaultLocked)
        #expect(error?.message.contains("locked by another process") == true)
        await vault.close()
        _ = try JournalistVault(openingAt: path, passphrase: Self.passphrase)
    }

    @Test func aClosedVaultRefusesChanges() async throws {
        defer { directory.remove() }
        let vault = try makeVault()
        await vault.close()
        await #expect(throws: JournalistError.self) { try await vault.save() }
    }

    @Test func tamperedFilesAreRefusedCleanly() async throws {
        defer { directory.remove() }
        let path = directory.file("alice.vault")
        try await makeVault().close()
        let original = try AtomicFile.read(path)
        for (offset, expected) in [
            (0, JournalistError.Code.vaultCorrupt), (VaultCipher.headerLength - 1, .wrongPassphrase),
            (original.count - 30, .wrongPassphrase),
        ] {
            var damaged = original
            damaged[offset] ^= 0x40
            try AtomicFile.write(damaged, to: path)
            let error = #expect(throws: JournalistError.self) {
                try JournalistVault(openingAt: path, passphrase: Self.passphrase)
            }
            #expect(error?.code == expected)
        }
        try AtomicFile.write(Array(original[0..<20]), to: path)
        let truncated = #expect(throws: JournalistError.self) {
            try JournalistVault(openingAt: path, passphrase: Self.passphrase)
        }
        #expect(truncated?.code == .vaultCorrupt)
    }

    @Test func refusesAMissingVault() {
        defer { directory.remove() }
        let error = #expect(throws: JournalistError.self) {
            try JournalistVault(openingAt: directory.file("nothing.vault"), passphrase: Self.passphrase)
        }
        #expect(error?.code == .vaultNotFound)
        #expect(!FileManager.default.fileExists(atPath: directory.file("nothing.vault.lock")))
    }

    @Test func staleTemporaryFilesAreRemovedOnOpen() async throws {
        defer { directory.remove() }
        let path = directory.file("alice.vault")
        try await makeVault().close()
        let stale = directory.file(AtomicFile.temporaryPrefix(for: path) + "deadbeef")
        _ = FileManager.default.createFile(atPath: stale, contents: Data([1, 2, 3]))
        _ = try JournalistVault(openingAt: path, passphrase: Self.passphrase)
        #expect(!FileManager.default.fileExists(atPath: stale))
    }
}
