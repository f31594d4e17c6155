import Foundation
import Testing
import TiplineAPIClient
import TiplineCore
import TiplineTestSupport

@testable import TiplineJournalist

/// The journalist's sender when the save around a post fails: a queued reply reaches the journalist → CoverNode
/// stream exactly once, never once per attempt.
@Suite("Journalist sender: a reply is posted once")
struct SenderDiskFullTests {
    /// The vault on a small tmpfs that is full when the reply's slot comes.
    @Test(.enabled(if: SmallFileSystem.isAvailable, "needs root to mount a tmpfs"))
    func aReplyWhoseSlotMeetsAFullDiskIsSentExactlyOnce() async throws {
        try await LoopbackDeployment.run { deployment in
            let disk = try SmallFileSystem(bytes: 2 << 20)
            defer { disk.unmount() }
            let vault = try JournalistVault(
                creatingAt: disk.file("alice.vault"),
                from: deployment.organization.setupBundle(journalistId: "alice", formTime: deployment.clock.now()),
                passphrase: JournalistAPITests.passphrase, kdf: .testOnly, now: deployment.clock.now())
            let client = JournalistClient(vault: vault, api: deployment.api, clock: deployment.clock)
            try await client.completeSetup()
            let reader = try EncryptionKeyPair<Role.User>.generate()
            try await deployment.publishDeadDrop([try await deployment.c2j("Hello", from: reader, to: "alice")])
            #expect(try await client.sync().newSources == 1)
            try await client.queueReply(to: "1", text: "Thank you")

            try disk.fill()
            let error = await #expect(throws: JournalistError.self) { try await client.sendNext() }
            #expect(error?.code == .diskFull)

            disk.free()
            #expect(try await client.sendNext() == .reply(messageNumber: 2))
            #expect(try await client.sendNext() == .cover)
            let real = try await deployment.journalistMessages().filter {
                if case .real = try deployment.openJ2C($0) { return true }
                return false
            }
            #expect(real.count == 1, "the reply is in the stream once")
            #expect(try await client.status().queuedReplies == 0)
        }
    }

    /// The other half: the API stored the reply but the journalist never learnt it (an answer lost, or a save that
    /// failed after the post). The next slot posts the recorded bytes again, which the API stores once.
    @Test func aReplyWhoseAnswerWasLostIsPostedAgainVerbatimAndStoredOnce() async throws {
        try await LoopbackDeployment.run { deployment in
            let (client, _) = try await JournalistAPITests.registeredWithSource(
                "alice", text: "Hello", in: deployment)
            try await client.queueReply(to: "1", text: "Thank you")
            // A client whose clock is ten minutes ahead: the API refuses its form, after the vault recorded the J2C.
            let ahead = JournalistClient(
                vault: client.vault, api: deployment.api,
                clock: ManualWallClock(start: deployment.clock.now().adding(.seconds(600))))
            await #expect(throws: (any Error).self) { try await ahead.sendNext() }
            let posted = try #require(try await client.vault.read { $0.outbox.first?.posted?.message })
            #expect(try await deployment.journalistMessages().isEmpty)
            // The API had stored it after all.
            let identity = try await client.vault.read { try $0.signingIdentity(at: deployment.clock.now()) }
            try await deployment.api.postJournalistMessage(
                SignedForm.sign(
                    body: Array("\"\(Base64.encodeUnpadded(Array(posted)))\"".utf8), with: identity.pair,
                    now: deployment.clock.now()))

            deployment.clock.advance(by: .seconds(60))  // the next slot
            #expect(try await client.sendNext() == .reply(messageNumber: 2))
            #expect(try await deployment.journalistMessages() == [Array(posted)])
            #expect(try await client.status().queuedReplies == 0)
        }
    }
}
