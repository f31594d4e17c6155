import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import TiplineCore
import TiplineJournalist

@testable import TiplineJournalistUI

/// Reading and answering a source through the desk, against the real API.
@Suite("Desk conversations")
struct DeskConversationTests {
    /// Unlocks and fetches the messages the deployment's readers sent.
    static func unlockedWithMessages(_ browser: inout DeskBrowser) async throws {
        #expect(try await browser.unlock().status == .seeOther)
        #expect(try await browser.submit("/sync").location == "/")
    }

    /// Runs `body` on a desk of a fresh deployment, unlocked with the message `text` of a new source fetched.
    static func withUnlockedDesk(
        afterASourceWrote text: String, _ body: @escaping @Sendable (Desk, inout DeskBrowser) async throws -> Void
    ) async throws {
        try await DeskDeployment.run { deployment in
            try await deployment.sourceWrites(text, from: try EncryptionKeyPair<Role.User>.generate())
            try await deployment.withDesk { desk, browser in
                var browser = browser
                try await unlockedWithMessages(&browser)
                try await body(desk, &browser)
            }
        }
    }

    @Test func theInboxListsSourcesAndAConversationShowsMessagesAsText() async throws {
        let attack = "<script>alert(1)</script> & \"quotes\"\n  indented"
        try await Self.withUnlockedDesk(afterASourceWrote: attack) { desk, browser in
            let inbox = try await browser.get("/")
            #expect(inbox.text.contains(#"<ul id="sources">"#))
            #expect(inbox.text.contains(#"<a class="source-link" href="/sources/1">"#))
            #expect(inbox.text.contains(#"<span class="unread">1 unread</span>"#))
            #expect(inbox.text.contains(#"<p role="alert" class="alert">"#))  // what the sync found

            let conversation = try await browser.get("/sources/1")
            #expect(conversation.status == .ok)
            let alias = try #require(try await desk.requireClient().inbox().first?.alias)
            #expect(conversation.text.contains("<h1>\(alias)</h1>"))
            #expect(!conversation.text.contains("<script>alert(1)"))
            #expect(
                conversation.text.contains(
                    #"<p class="text">&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot;"#
                        + "\n  indented</p>"))
            #expect(conversation.text.contains(#"<li class="message incoming">"#))
            // Opening it marked the message read.
            #expect(!(try await browser.get("/").text.contains(#"class="unread""#)))
            #expect(try await browser.get("/sources/2").status == .notFound)
            #expect(try await browser.get("/sources/amber").status == .notFound)
        }
    }

    @Test func aReplyIsQueuedThenSent() async throws {
        try await Self.withUnlockedDesk(afterASourceWrote: "Is anyone there?") { desk, browser in
            let page = try await browser.get("/sources/1")
            #expect(
                page.text.contains(#"<output id="remaining" for="reply-text" aria-live="polite">490 bytes left"#))
            let queued = try await browser.submit(
                "/sources/1/reply", on: "/sources/1", [("text", "Yes. Tell me more.\r\nWhen did it start?")])
            #expect(queued.status == .seeOther)
            #expect(queued.location == "/sources/1")
            let after = try await browser.get("/sources/1")
            #expect(after.text.contains(#"<li class="message outgoing">"#))
            #expect(after.text.contains("Yes. Tell me more.\nWhen did it start?</p>"))
            #expect(after.text.contains(#"<span class="delivery">queued</span>"#))
            #expect(after.text.contains("Reply queued."))

            let client = try await desk.requireClient()
            #expect(try await client.sendNext() == .reply(messageNumber: 2))
            let sent = try await browser.get("/sources/1")
            #expect(sent.text.contains(#"<span class="delivery">sent</span>"#))
            #expect(!sent.text.contains(#"<span class="delivery">queued</span>"#))
        }
    }

    @Test func aReplyTooLongOnceCompressedIsRefusedAndKept() async throws {
        try await Self.withUnlockedDesk(afterASourceWrote: "hello") { desk, browser in
            let text = Base64.encodePadded(SecureRandom.bytes(600))  // random: does not compress
            let refused = try await browser.submit("/sources/1/reply", on: "/sources/1", [("text", text)])
            #expect(refused.status == .unprocessableContent)
            #expect(refused.text.contains(#"<p role="alert" class="alert">The reply is too long"#))
            #expect(refused.text.contains("\n" + text.replacingOccurrences(of: "/", with: "/") + "</textarea>"))
            #expect(refused.text.contains("bytes too many</output>"))
            #expect(try await desk.requireClient().status().queuedReplies == 0)
            #expect(!(try await browser.get("/sources/1").text.contains("message outgoing")))

            // The live counter counts compressed bytes: long but repetitive text still fits.
            let token = try #require(DeskBrowser.formToken(in: try await browser.get("/sources/1")))
            let counted = try await browser.post(
                "/compose/remaining", [("csrf", token), ("text", String(repeating: "ok ", count: 100))])
            let remaining = try #require(Int(counted.text.prefix { $0.isNumber }))
            #expect(counted.text.hasSuffix("bytes left\n"))
            #expect(remaining > 400)
            let tooMany = try await browser.post("/compose/remaining", [("csrf", token), ("text", text)])
            #expect(tooMany.text.hasSuffix("bytes too many\n"))
        }
    }

    @Test func aSourceCanBeMutedAndHandedOver() async throws {
        try await Self.withUnlockedDesk(afterASourceWrote: "hello") { desk, browser in
            let page = try await browser.get("/sources/1")
            #expect(page.text.contains(#"<option value="bob">Bob</option>"#))
            #expect(!page.text.contains(#"<option value="alice">"#))
            #expect(page.text.contains(#"<button type="submit" id="mute">Mute source</button>"#))

            #expect(try await browser.submit("/sources/1/mute", on: "/sources/1").location == "/sources/1")
            let muted = try await browser.get("/sources/1")
            #expect(muted.text.contains("Unmute source"))
            #expect(try await desk.requireClient().inbox().first?.isMuted == true)

            let handover = try await browser.submit(
                "/sources/1/handover", on: "/sources/1", [("journalist", "bob")])
            #expect(handover.location == "/sources/1")
            let after = try await browser.get("/sources/1")
            #expect(after.text.contains("You handed this source over to bob."))
            #expect(after.text.contains(#"<span class="delivery">queued</span>"#))
            #expect(try await desk.requireClient().status().queuedReplies == 1)
        }
    }

    @Test func theStatusPageShowsKeysSyncAndTheSystemStatus() async throws {
        try await DeskDeployment.run { deployment in
            // The service syncs at unlock and then every `syncInterval` of real time, stamping the manual clock: a
            // day keeps a second sync (on a slow machine, 15 s later) from making the last sync "just now".
            let settings: (inout DeskSettings) -> Void = {
                $0.autoLock = .seconds(7200)
                $0.syncInterval = .seconds(86_400)
            }
            try await deployment.withDesk(settings) { _, browser in
                var browser = browser
                try await Self.unlockedWithMessages(&browser)
                deployment.clock.advance(by: .seconds(3600))
                let status = try await browser.get("/status")
                #expect(status.text.contains("<h1>Status</h1>"))
                #expect(status.text.contains(#"<dl id="status">"#))
                #expect(status.text.contains("<dt>Journalist</dt>\n<dd>alice</dd>"))
                #expect(status.text.contains("<dt>Messaging key expires</dt>"))
                #expect(status.text.contains(">in 13 days 23 hours ("))
                #expect(status.text.contains("<dt>Last successful sync</dt>"))
                #expect(status.text.contains(">1 hour ago ("))
                #expect(status.text.contains("<dd>AVAILABLE: All good</dd>"))
                #expect(status.text.contains("<dt>Queued replies</dt>\n<dd>0</dd>"))
            }
        }
    }
}
