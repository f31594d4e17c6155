import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing
import TiplineCore
import TiplineJournalist
import TiplineTestSupport

@testable import TiplineJournalistUI

/// The desk with its vault on a small tmpfs that fills up: a conversation still opens, a reply the vault cannot save
/// is refused with a clear alert and the draft kept (nothing queued), and the same reply is queued once space is
/// freed.
@Suite("Desk on a full disk", .enabled(if: SmallFileSystem.isAvailable, "needs root to mount a tmpfs"))
struct DeskDiskFullTests {
    @Test func aReplyOnAFullDiskIsRefusedWithTheDraftKept() async throws {
        let disk = try SmallFileSystem(bytes: 8 << 20)
        defer { disk.unmount() }
        try await DeskDeployment.run(in: disk.directory) { deployment in
            try await deployment.sourceWrites("Is anyone there?", from: try EncryptionKeyPair<Role.User>.generate())
            try await deployment.withDesk { desk, browser in
                var browser = browser
                try await DeskConversationTests.unlockedWithMessages(&browser)
                try disk.fill()
                // Reading works while the disk is full (the message stays unread until a later opening).
                let page = try await browser.get("/sources/1")
                #expect(page.status == .ok)
                #expect(page.text.contains("Is anyone there?"))
                let refused = try await browser.submit(
                    "/sources/1/reply", on: "/sources/1", [("text", "Yes, tell me more")])
                #expect(refused.status == .unprocessableContent)
                #expect(
                    refused.text.contains(
                        #"<p role="alert" class="alert">The reply was not queued: "#
                            + "cannot write alice.vault: No space left on device."))
                #expect(refused.text.contains("\nYes, tell me more</textarea>"))
                #expect(try await desk.requireClient().status().queuedReplies == 0)

                disk.free()
                let queued = try await browser.submit(
                    "/sources/1/reply", on: "/sources/1", [("text", "Yes, tell me more")])
                #expect(queued.location == "/sources/1")
                #expect(try await desk.requireClient().status().queuedReplies == 1)
            }
        }
    }
}
