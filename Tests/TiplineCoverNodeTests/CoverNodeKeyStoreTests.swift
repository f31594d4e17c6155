import Foundation
import Testing
import TiplineCore
import TiplineCoverNode
import TiplineTestSupport

/// The key store keeps every secret encrypted, refuses the wrong secret clearly and survives reopening.
@Suite struct CoverNodeKeyStoreTests {
    let now = Timestamp(seconds: 1_900_000_000)

    func sampleKeys() throws -> CoverNodeKeys {
        let organization = try SigningKeyPair<Role.Organization>.generate()
        return try .generated(
            trustAnchor: organization.selfSigned(notValidAfter: now.adding(KeyLifetimes.longTerm)), now: now,
            identityEpoch: 4, messagingEpoch: nil)
    }

    func permissions(_ path: String) throws -> Int {
        try #require(FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int)
    }

    @Test func aPassphraseStoreRoundTripsAndHidesEverySecret() throws {
        let folder = try TemporaryDirectory()
        let keys = try sampleKeys()
        let state = folder.file("state")
        let store = try CoverNodeKeyStore(directory: state, protection: .passphrase("open sesame", kdf: .testOnly))
        #expect(try store.load() == nil)
        try store.save(keys)
        let reopened = try CoverNodeKeyStore(directory: state, protection: .passphrase("open sesame", kdf: .vault))
        let loaded = try #require(try reopened.load())
        #expect(loaded.coverNodeId == "covernode_001")
        #expect(loaded.identities.map(\.keyPair.seed) == keys.identities.map(\.keyPair.seed))
        #expect(loaded.identities.map(\.epoch) == [4])
        #expect(loaded.messaging.map(\.keyPair.secretKeyBytes) == keys.messaging.map(\.keyPair.secretKeyBytes))
        #expect(loaded.messaging.map(\.epoch) == [nil])
        #expect(loaded.trustAnchors == keys.trustAnchors)

        let file = try String(contentsOfFile: folder.file("state/" + CoverNodeKeyStore.fileName), encoding: .utf8)
        for secret in keys.identities.map(\.keyPair.seed) + keys.messaging.map(\.keyPair.secretKeyBytes) {
            #expect(!file.contains(Hex.encode(secret)))
        }
        #expect(!file.contains("covernode_001"))
        #expect(try permissions(folder.file("state/" + CoverNodeKeyStore.fileName)) == 0o600)
        #expect(try permissions(state) == 0o700)
    }

    @Test func theWrongSecretIsRefusedClearly() throws {
        let folder = try TemporaryDirectory()
        let state = folder.file("state")
        try CoverNodeKeyStore(directory: state, protection: .passphrase("right", kdf: .testOnly)).save(sampleKeys())
        let wrong = try CoverNodeKeyStore(directory: state, protection: .passphrase("wrong", kdf: .testOnly))
        #expect(throws: CoverNodeError.self) { try wrong.load() }
        #expect(throws: CoverNodeError.self) { try CoverNodeKeyStore(directory: state, protection: .keyFile) }
        #expect(throws: CoverNodeError.self) {
            try CoverNodeKeyStore(directory: state, protection: .passphrase("", kdf: .testOnly))
        }
    }

    @Test func aKeyFileStoreMakesAnOwnerOnlyKeyAndNeedsIt() throws {
        let folder = try TemporaryDirectory()
        let state = folder.file("state")
        let keys = try sampleKeys()
        try CoverNodeKeyStore(directory: state, protection: .keyFile).save(keys)
        let keyFile = folder.file("state/" + CoverNodeKeyStore.keyFileName)
        #expect(try permissions(keyFile) == 0o600)
        #expect(try Data(contentsOf: URL(fileURLWithPath: keyFile)).count == 32)
        let loaded = try #require(try CoverNodeKeyStore(directory: state, protection: .keyFile).load())
        #expect(loaded.identities.map(\.keyPair.seed) == keys.identities.map(\.keyPair.seed))
        #expect(throws: CoverNodeError.self) {
            try CoverNodeKeyStore(directory: state, protection: .passphrase("any", kdf: .testOnly))
        }
        try FileManager.default.removeItem(atPath: keyFile)
        #expect(throws: CoverNodeError.self) { try CoverNodeKeyStore(directory: state, protection: .keyFile) }
    }

    @Test func aDamagedStoreIsAnErrorNotACrash() throws {
        let folder = try TemporaryDirectory()
        let state = folder.file("state")
        let store = try CoverNodeKeyStore(directory: state, protection: .keyFile)
        try store.save(sampleKeys())
        let path = folder.file("state/" + CoverNodeKeyStore.fileName)
        var envelope = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any])
        var box = try Base64.decode(try #require(envelope["box"] as? String))
        box[box.count / 2] ^= 0x01
        envelope["box"] = Base64.encodePadded(box)
        try JSONSerialization.data(withJSONObject: envelope).write(to: URL(fileURLWithPath: path))
        #expect(throws: CoverNodeError.self) { try store.load() }
        try Data("not json".utf8).write(to: URL(fileURLWithPath: path))
        #expect(throws: CoverNodeError.self) { try store.load() }
    }

    /// The envelope's Argon2id cost is read from disk: a damaged or hostile one must be refused before it reaches
    /// libsodium (a memory cost whose byte count overflows traps; a huge pass count runs for days).
    @Test(
        arguments: [
            (Int.max / 512, UInt64(1)), (8_191, 1), (-8_192, 1), (4_194_305, 1), (8_192, 0), (8_192, 65),
            (8_192, UInt64(1) << 40),
        ] as [(Int, UInt64)])
    func anOutOfRangeArgon2CostIsRefused(memoryKiB: Int, iterations: UInt64) throws {
        let folder = try TemporaryDirectory()
        let state = folder.file("state")
        try CoverNodeKeyStore(directory: state, protection: .passphrase("right", kdf: .testOnly)).save(sampleKeys())
        let path = folder.file("state/" + CoverNodeKeyStore.fileName)
        var envelope = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any])
        var kdf = try #require(envelope["kdf"] as? [String: Any])
        kdf["memory_kib"] = memoryKiB
        kdf["iterations"] = iterations
        envelope["kdf"] = kdf
        try JSONSerialization.data(withJSONObject: envelope).write(to: URL(fileURLWithPath: path))
        let error = try #require(throws: CoverNodeError.self) {
            try CoverNodeKeyStore(directory: state, protection: .passphrase("right", kdf: .testOnly))
        }
        #expect(error.code == .keyStore)
    }

    @Test func keySelectionFollowsEpochsAndExpiry() throws {
        var keys = try sampleKeys()
        #expect(keys.sendingKey(at: now) == nil, "a candidate without an epoch never sends")
        #expect(keys.decryptionKeys(at: now).count == 1, "but it decrypts")
        #expect(keys.candidate != nil)
        keys.messaging[0].epoch = 5
        #expect(keys.sendingKey(at: now)?.epoch == 5)
        #expect(keys.signingIdentity(at: now)?.epoch == 4)
        let later = now.adding(KeyLifetimes.messaging + .seconds(1))
        #expect(keys.sendingKey(at: later) == nil && keys.decryptionKeys(at: later).isEmpty)
        let removed = keys.removeExpired(at: later)
        #expect(removed)
        #expect(keys.messaging.isEmpty && keys.identities.count == 1)
    }
}
