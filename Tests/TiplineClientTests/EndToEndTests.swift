import Foundation
import Testing
import TiplineClient
import TiplineCore

/// A source's message travels through the real API and the real CoverNode to a journalist, and the reply comes back
/// into the mailbox. The journalists' part (reading journalist dead drops, replying through the API) is played with
/// `TiplineCore` by ``NewsroomHarness``.
@Suite("End to end")
struct EndToEndTests {
    @Test("a message reaches the journalist's keys; the reply and a handover's reply show after unlock")
    func roundTrip() async throws {
        try await ReaderDeployment.with(journalists: [("alice", 2), ("bob", 1)]) { api in
            let newsroom = NewsroomHarness(api: api)
            let coverNode = try await CoverNodeRunner(api: api, userMessagesPerRelease: 2, repliesPerRelease: 3)
            let app = try AppUnderTest(name: "source", api: api)
            try await app.client.start()
            #expect(await app.client.recipients().journalists.map(\.id) == ["alice", "bob"])
            let passphrase = app.client.generatePassphrase()
            try await app.client.createSession(with: passphrase)
            try await app.client.send("The minister's diary is in the archive.", to: "alice")
            #expect(try await app.client.conversations().first?.messages.first?.isPending == true)
            await app.client.lock()
            try await app.client.didEnterBackground()

            // The start's run sent two covers; the next run, an hour later, sends the real message first.
            api.clock.advance(by: .seconds(3600))
            #expect(try await app.client.runBackgroundTask() == .ran(attempted: 2, acknowledged: 2))
            try await coverNode.run()
            let inbox = try await newsroom.inbox(of: "alice")
            #expect(inbox.map(\.text) == ["The minister's diary is in the archive."])
            #expect(try await newsroom.inbox(of: "bob").isEmpty)

            let reader = try #require(inbox.first).replyKey
            try await newsroom.reply(from: "alice", .message(.init(text: "Which archive?")), to: reader)
            try await newsroom.reply(from: "alice", .handover(journalistId: "bob"), to: reader)
            try await newsroom.reply(from: "bob", .message(.init(text: "Bob here, I cover the ministry.")), to: reader)
            try await coverNode.run()

            api.clock.advance(by: .seconds(3600))
            try await app.client.didEnterForeground()
            try await app.client.unlock(passphrase.words.joined(separator: "  ").uppercased())
            let conversations = try await app.client.conversations()
            #expect(conversations.map(\.journalistId).sorted() == ["alice", "bob"])
            let alice = try #require(conversations.first { $0.journalistId == "alice" })
            #expect(alice.displayName == "Alice")
            #expect(alice.messages.map(\.text) == ["The minister's diary is in the archive.", "Which archive?"])
            #expect(alice.messages.map(\.direction) == [.sent, .received])
            #expect(alice.messages[0].isPending == false)
            let bob = try #require(conversations.first { $0.journalistId == "bob" })
            #expect(bob.messages.map(\.text) == ["Bob here, I cover the ministry."])

            // Unlocking again finds the same replies once.
            await app.client.lock()
            try await app.client.unlock(passphrase)
            #expect(try await app.client.conversations().flatMap(\.messages).count == 3)
        }
    }
}
