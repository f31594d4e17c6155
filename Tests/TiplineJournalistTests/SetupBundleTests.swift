import Foundation
import Testing
import TiplineCore
import TiplineTestSupport

@testable import TiplineJournalist

@Suite("Vaults from setup bundles")
struct SetupBundleTests {
    let organization: TestKeyHierarchy
    let directory: TemporaryDirectory

    init() throws {
        organization = try TestKeyHierarchy(now: Timestamp(seconds: 1_900_000_000))
        directory = try TemporaryDirectory()
    }

    @Test func createsTheVaultAndErasesTheBundleFile() async throws {
        defer { directory.remove() }
        let bundlePath = directory.file("dana.bundle.json")
        let bundle = try organization.setupBundle(journalistId: "dana")
        try JSONEncoder().encode(bundle).write(to: URL(fileURLWithPath: bundlePath))
        let vault = try JournalistSetup.createVault(
            bundlePath: bundlePath, vaultPath: directory.file("dana.vault"), passphrase: "a long enough passphrase",
            kdf: .testOnly, now: organization.now)
        #expect(!FileManager.default.fileExists(atPath: bundlePath))
        let (pending, identities) = try await vault.read { ($0.pendingSetup != nil, $0.identityKeys.count) }
        #expect(pending)
        #expect(identities == 1)
        #expect(
            try await vault.read { try $0.signingIdentity(at: organization.now).pair.seed }
                == Hex.decode(bundle.identityKeyPair.secretKey))
    }

    @Test func keepsTheBundleWhenTheVaultCannotBeCreated() throws {
        defer { directory.remove() }
        let bundlePath = directory.file("erin.bundle.json")
        try JSONEncoder().encode(organization.setupBundle(journalistId: "erin")).write(
            to: URL(fileURLWithPath: bundlePath))
        #expect(throws: JournalistError.self) {
            try JournalistSetup.createVault(
                bundlePath: bundlePath, vaultPath: directory.file("missing-folder/erin.vault"),
                passphrase: "a long enough passphrase", kdf: .testOnly, now: organization.now)
        }
        #expect(FileManager.default.fileExists(atPath: bundlePath))
    }

    @Test func rejectsABundleWhoseFormUploadsAnotherKey() throws {
        defer { directory.remove() }
        var bundle = try organization.setupBundle(journalistId: "frank")
        bundle.uploadIdentityKeyForm = try organization.setupBundle(journalistId: "frank").uploadIdentityKeyForm
        let error = #expect(throws: JournalistError.self) {
            try JournalistVault(
                creatingAt: directory.file("frank.vault"), from: bundle, passphrase: "a long enough passphrase",
                kdf: .testOnly, now: organization.now)
        }
        #expect(error?.code == .invalidSetupBundle)
    }

    @Test func rejectsABundleWithAnExpiredIdentityKey() throws {
        defer { directory.remove() }
        let bundle = try organization.setupBundle(journalistId: "gina")
        let error = #expect(throws: JournalistError.self) {
            try JournalistVault(
                creatingAt: directory.file("gina.vault"), from: bundle, passphrase: "a long enough passphrase",
                kdf: .testOnly, now: organization.now.adding(KeyLifetimes.journalistIdentity * 2))
        }
        #expect(error?.code == .invalidSetupBundle)
    }

    @Test func rejectsAFileThatIsNotABundle() throws {
        defer { directory.remove() }
        let bundlePath = directory.file("junk.json")
        try Data("{\"hello\": 1}".utf8).write(to: URL(fileURLWithPath: bundlePath))
        let error = #expect(throws: JournalistError.self) {
            try JournalistSetup.createVault(
                bundlePath: bundlePath, vaultPath: directory.file("junk.vault"), passphrase: "a long enough passphrase",
                kdf: .testOnly, now: organization.now)
        }
        #expect(error?.code == .invalidSetupBundle)
    }
}
