import Foundation
import Testing
import TiplineCore
import TiplineSimulation
import TiplineTestSupport

@testable import TiplineClient

/// The outer layer and its ratchet (issue 16) on one installation.
@Suite("Storage ratchet")
struct StorageRatchetTests {
    @Test("an installation from before the outer layer moves to it on its next start, with its vault and queue")
    func upgrade() async throws {
        try await ReaderDeployment.with { api in
            let app = try AppUnderTest(name: "upgrade", api: api)
            let passphrase = try await app.startAsSource(writing: "Written before the upgrade")
            // Put the folder back into the layout of before: the inner files as they are, no device key.
            let keys = URL(fileURLWithPath: app.folder.path + ".device-keys")
            let inner = try StorageRatchet(directory: app.folder, deviceKeys: SoftwareDeviceKeyStore(directory: keys))
                .open()
            for (file, bytes) in inner { try Data(bytes).write(to: app.folder.appendingPathComponent(file.fileName)) }
            try FileManager.default.removeItem(at: keys)
            #expect(
                try app.snapshot().files.mapValues(\.size).filter { ["vault", "queue"].contains($0.key) } == [
                    "vault": 524_344, "queue": 6448,
                ])

            let upgraded = try ReaderClient(
                configuration: api.clientConfiguration, directory: app.folder, clock: api.clock, transport: app.traffic)
            try await upgraded.start()
            let files = try app.snapshot().files
            #expect(files["vault"]?.size == 524_344 + 112)
            #expect(files["queue"]?.size == 6448 + 112)
            #expect(try FileManager.default.contentsOfDirectory(atPath: keys.path).count == 1)
            try await upgraded.unlock(passphrase)
            #expect(try await upgraded.pendingMessageCount() == 1)
            #expect(try await upgraded.conversations().first?.messages.map(\.text) == ["Written before the upgrade"])
        }
    }

    @Test("a device key store that cannot be used fails the start before anything is written")
    func unavailableKeyStore() async throws {
        try await ReaderDeployment.withStartedApp(named: "locked-keys") { api, app in
            try await app.client.didEnterBackground()
            let before = try app.snapshot()
            api.clock.advance(by: .seconds(3600))
            let restarted = try ReaderClient(
                configuration: api.clientConfiguration, directory: app.folder, clock: api.clock, transport: app.traffic,
                deviceKeys: UnavailableKeyStore())
            let error = await #expect(throws: ClientError.self) { try await restarted.start() }
            #expect(error?.code == .storage)
            #expect(try app.snapshot() == before)
        }
    }

    @Test("each write changes every byte of the outer layer; a deleted key's files no longer open")
    func outerLayer() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let store = SoftwareDeviceKeyStore(directory: folder.url.appendingPathComponent("keys"))
        let ratchet = StorageRatchet(directory: folder.url.appendingPathComponent("state"), deviceKeys: store)
        try ratchet.directory.prepare()
        let inner: [ClientFile: [UInt8]] = [
            .vault: SecureRandom.bytes(SealedVault.fileLength),
            .queue: SecureRandom.bytes(PrivateSendingQueue.serializedLength),
        ]
        var steps: [String] = []
        try ratchet.commit(inner) { steps.append($0.description) }
        #expect(steps == RatchetStep.all.map(\.description))
        let first = try #require(try DurableFile.read(ratchet.directory.path(.vault)))
        try ratchet.ratchet()
        let second = try #require(try DurableFile.read(ratchet.directory.path(.vault)))
        #expect(first.count == second.count)
        #expect(zip(first, second).filter { $0 != $1 }.count > first.count * 99 / 100)
        #expect(try ratchet.open() == inner)
        #expect(try store.keys().count == 1)
        // The earlier bytes against the current key store: nothing opens them.
        try Data(first).write(to: URL(fileURLWithPath: ratchet.directory.path(.vault)))
        #expect(try ratchet.open()[.vault] == nil)
        #expect(ByteStatistics.chiSquare(second) < ByteStatistics.chiSquareLimit)
    }
}

/// A store that cannot be reached, as a Keychain is while the phone is locked.
private struct UnavailableKeyStore: DeviceKeyStore {
    var wrappedKeyLength: Int { 72 }
    func keys() throws -> [DeviceKeyID] { throw ClientError(.storage, "the key store is locked") }
    func createKey() throws -> DeviceKeyID { throw ClientError(.storage, "the key store is locked") }
    func wrap(_ secret: [UInt8], with key: DeviceKeyID) throws -> [UInt8] {
        throw ClientError(.storage, "the key store is locked")
    }
    func unwrap(_ wrapped: [UInt8], with key: DeviceKeyID) throws -> [UInt8]? {
        throw ClientError(.storage, "the key store is locked")
    }
    func deleteKey(_ key: DeviceKeyID) throws { throw ClientError(.storage, "the key store is locked") }
}
