import Foundation
import Testing
import TiplineClient
import TiplineCore
import TiplineSimulation

/// Issue 16: a device examiner who images the phone twice learns nothing about use in between.
@Suite("Two-snapshot deniability")
struct TwoSnapshotTests {
    @Test("sources who used the app between two snapshots look like readers who did not: no exact tell, AUC <= 0.55")
    func pairsOfSnapshots() async throws {
        try await ReaderDeployment.with { api in
            let sources = try (0..<5).map { try AppUnderTest(name: "source-\($0)", api: api) }
            let readers = try (0..<5).map { try AppUnderTest(name: "reader-\($0)", api: api) }
            let everyone = zip(sources, readers).flatMap { [$0, $1] }
            /// Runs `hook` on every app in a fresh random order (the first app of a round pays for what is cold, 10-20%
            /// of a background hook on the debug build, more under a sanitizer: with a fixed order it was always a
            /// source); returns when each app's hook began (the examiner's "lifecycle event"), in `everyone`'s order.
            func all(_ hook: (ReaderClient) async throws -> Void) async throws -> [Date] {
                var began = [Date](repeating: .distantPast, count: everyone.count)
                for index in everyone.indices.shuffled() {
                    began[index] = Date()
                    try await hook(everyone[index].client)
                }
                return began
            }
            _ = try await all { try await $0.start() }
            api.clock.advance(by: .seconds(300))
            _ = try await all { try await $0.didEnterBackground() }
            let first = try everyone.map { try $0.snapshot() }

            api.clock.advance(by: .seconds(3600))
            _ = try await all { _ = try await $0.runBackgroundTask() }
            api.clock.advance(by: .seconds(86_400))
            _ = try await all { try await $0.didEnterForeground() }
            for source in sources {
                try await source.client.createSession(with: source.client.generatePassphrase())
                try await source.client.send("A tip between two snapshots.", to: "alice")
                await source.client.lock()
            }
            api.clock.advance(by: .seconds(300))
            _ = try await all { try await $0.didEnterBackground() }
            api.clock.advance(by: .seconds(3600))
            let lastEvents = try await all { _ = try await $0.runBackgroundTask() }
            let second = try everyone.map { try $0.snapshot() }

            let features = everyone.indices.map {
                SnapshotPairFeatures.of(first: first[$0], second: second[$0], lastEvent: lastEvents[$0])
            }
            let positives = stride(from: 0, to: features.count, by: 2).map { features[$0] }
            let negatives = stride(from: 1, to: features.count, by: 2).map { features[$0] }
            #expect(SnapshotPairFeatures.exactTells(positives, negatives).isEmpty)
            #expect(SnapshotPairFeatures.bestAUC(positives, negatives) <= 0.55)
            // Every secret-bearing file's bytes changed for everyone, at the same size.
            for features in features {
                for name in [ClientFile.vault.fileName, ClientFile.queue.fileName] {
                    #expect(features["\(name) bytes changed"] == 1)
                    #expect(features["\(name) size 1"] == features["\(name) size 2"])
                }
            }
        }
    }

    @Test("after a ratchet the previous snapshot's files no longer open, even with the right passphrase")
    func oldSnapshotIsDead() async throws {
        try await ReaderDeployment.with { api in
            let app = try AppUnderTest(name: "seized-twice", api: api)
            let passphrase = try await app.startAsSource(writing: "Seized once")
            let earlier = try app.snapshot()

            api.clock.advance(by: .seconds(3600))
            try await app.client.runBackgroundTask()
            // Put the earlier files back and open them with this phone's current device keys.
            for (name, file) in earlier.files {
                try Data(file.bytes).write(to: app.folder.appendingPathComponent(name))
            }
            let restarted = try ReaderClient(
                configuration: api.clientConfiguration, directory: app.folder, clock: api.clock, transport: app.traffic)
            try await restarted.start()
            let error = await #expect(throws: ClientError.self) { try await restarted.unlock(passphrase) }
            #expect(error?.code == .passphraseRejected)
        }
    }
}
