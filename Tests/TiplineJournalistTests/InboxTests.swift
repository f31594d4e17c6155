import Foundation
import Testing
import TiplineCore

@testable import TiplineJournalist

@Suite("Sources, inbox and texts")
struct InboxTests {
    /// Vault contents with two sources and a few messages, without any file.
    static func contents() -> JournalistVaultContent {
        var contents = JournalistVaultContent(journalistId: "kim", trustAnchors: [], pendingSetup: nil)
        let start = Timestamp(seconds: 1_900_000_000)
        for (index, key) in ["aa11223344556677", "bb11223344556677"].enumerated() {
            _ = contents.ensureSource(replyKey: key, now: start)
            contents.appendMessage(
                replyKey: key, direction: .incoming, at: start.adding(.seconds(index * 60)), text: "hi \(index)")
        }
        contents.appendMessage(
            replyKey: "aa11223344556677", direction: .incoming, at: start.adding(.seconds(300)), text: nil)
        return contents
    }

    @Test func sourcesAreFoundByNumberAliasOrKeyPrefix() throws {
        let contents = Self.contents()
        let first = contents.sources[0]
        #expect(try contents.source(matching: "1").replyKey == first.replyKey)
        #expect(try contents.source(matching: "#2").number == 2)
        #expect(try contents.source(matching: "Source 2").number == 2)
        #expect(
            try contents.source(matching: first.alias.uppercased().replacingOccurrences(of: " ", with: "-")).number == 1
        )
        #expect(try contents.source(matching: "bb112233").number == 2)
        for query in ["3", "zebra crossing", "11223344"] {
            let error = #expect(throws: JournalistError.self) { try contents.source(matching: query) }
            #expect(error?.code == .unknownSource)
        }
    }

    @Test func aliasesAreUniqueAndRevealNothing() {
        var taken = Set<String>()
        for number in 1...300 {
            let alias = SourceAlias.make(number: number, avoiding: taken)
            #expect(!taken.contains(alias))
            taken.insert(alias)
        }
        let everyPair = Set(
            SourceAlias.adjectives.flatMap { adjective in SourceAlias.nouns.map { adjective + " " + $0 } })
        #expect(SourceAlias.make(number: 9, avoiding: everyPair) == "Source 9")
    }

    @Test func summariesCountUnreadAndQueuedMessages() throws {
        var contents = Self.contents()
        let number = contents.appendMessage(
            replyKey: "aa11223344556677", direction: .outgoing, at: Timestamp(seconds: 1_900_000_400), text: "reply")
        contents.outbox.append(QueuedReply(messageNumber: number, sealedReply: .init(), senderKey: "00"))
        let summary = contents.summary(of: contents.sources[0])
        #expect(summary.unreadCount == 2)
        #expect(summary.messageCount == 3)
        #expect(summary.queuedCount == 1)
        #expect(summary.lastActivity == Timestamp(seconds: 1_900_000_400))
        let conversation = contents.conversation(with: contents.sources[0])
        #expect(conversation.messages.map(\.text) == ["hi 0", nil, "reply"])
        #expect(conversation.messages.last?.delivery == .queued(position: 1))
    }

    @Test func textsShowWhatTheJournalistNeeds() throws {
        var contents = Self.contents()
        contents.sources[1].muted = true
        let sources = contents.sources.map(contents.summary(of:))
        let inbox = JournalistText.inbox(sources)
        #expect(inbox.hasPrefix("2 sources, 3 unread"))
        #expect(inbox.contains(sources[0].alias) && inbox.contains("muted"))
        let conversation = JournalistText.conversation(contents.conversation(with: contents.sources[0]))
        #expect(conversation.contains("    hi 0"))
        #expect(conversation.contains("(this message could not be decoded)"))
        #expect(JournalistText.date(Timestamp(seconds: 1_900_000_000)) == "2030-03-17 17:46 UTC")
        var report = SyncReport()
        report.newMessages = 2
        report.newSources = 1
        report.rejectedDeadDrops = 1
        #expect(JournalistText.sync(report).contains("2 new messages, 1 from new sources"))
        #expect(
            JournalistText.sync(report).contains(
                "no trusted CoverNode key signed it; it and the dead drops after it wait"))
        #expect(JournalistText.inbox([]).hasPrefix("No sources yet"))
    }
}
