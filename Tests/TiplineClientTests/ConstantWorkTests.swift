import Foundation
import Testing
import TiplineClient
import TiplineCore

/// A lifecycle hook's duration is visible to whoever can compare a seized phone's file times with the OS's record of
/// when the app ran: every hook must do the same work for a source as for a reader (`docs/anonymity.md`).
@Suite("Constant work")
struct ConstantWorkTests {
    @Test("every lifecycle hook encrypts vault content as often for a source with an open session as for a reader")
    func vaultEncryptionsPerHook() async throws {
        try await ReaderDeployment.with { api in
            let source = try AppUnderTest(name: "source", api: api)
            let reader = try AppUnderTest(name: "reader", api: api)
            /// Runs `hook` on both apps; checks that both encrypted vault content equally often, at least `atLeast`.
            func step(_ label: String, atLeast: Int = 1, _ hook: (ReaderClient) async throws -> Void) async throws {
                let before = (await source.client.vaultEncryptions, await reader.client.vaultEncryptions)
                try await hook(source.client)
                try await hook(reader.client)
                let added = (
                    await source.client.vaultEncryptions - before.0, await reader.client.vaultEncryptions - before.1
                )
                #expect(added.0 == added.1, "\(label): source \(added.0), reader \(added.1) vault encryptions")
                #expect(added.1 >= atLeast, "\(label): reader \(added.1) vault encryptions")
            }
            try await step("start", atLeast: 0) { try await $0.start() }
            let passphrase = source.client.generatePassphrase()
            try await source.client.createSession(with: passphrase)
            try await source.client.send("A tip written just before the app went to the background.", to: "alice")
            #expect(await source.client.isUnlocked)

            // The session stays open in the background until the next foreground.
            api.clock.advance(by: .seconds(60))
            try await step("background, session open") { try await $0.didEnterBackground() }
            api.clock.advance(by: .seconds(3600))
            try await step("background task, session open") { _ = try await $0.runBackgroundTask() }
            #expect(await source.client.isUnlocked)
            // Back after more than five minutes: the session is locked first (an extra encryption, for everybody).
            try await step("foreground, locking", atLeast: 2) { try await $0.didEnterForeground() }
            #expect(await !source.client.isUnlocked)

            try await source.client.unlock(passphrase)
            try await step("background, unlocked again") { try await $0.didEnterBackground() }
            api.clock.advance(by: .seconds(60))
            try await step("foreground within five minutes") { try await $0.didEnterForeground() }
            #expect(await source.client.isUnlocked)
            await source.client.lock()
            try await step("background, locked") { try await $0.didEnterBackground() }
        }
    }
}
