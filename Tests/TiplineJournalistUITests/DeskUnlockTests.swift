import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import TiplineCore
import TiplineJournalist

@testable import TiplineJournalistUI

/// Unlocking, the throttle, locking and auto-locking, and the passphrase change.
@Suite("Desk unlock and lock")
struct DeskUnlockTests {
    @Test func aWrongPassphraseIsRefusedWithAClearMessage() async throws {
        try await DeskDeployment.run { deployment in
            try await deployment.withDesk { desk, browser in
                var browser = browser
                let wrong = try await browser.unlock("not the passphrase at all")
                #expect(wrong.status == .unauthorized)
                #expect(wrong.text.contains(#"<p role="alert" class="alert">Wrong passphrase"#))
                #expect(wrong.text.contains(#"id="unlock-form""#))
                #expect(try await browser.get("/").location == "/unlock")

                let right = try await browser.unlock()
                #expect(right.status == .seeOther)
                #expect(right.location == "/")
                let cookie = try #require(right.headers[.setCookie])
                #expect(cookie.contains("HttpOnly"))
                #expect(cookie.contains("SameSite=Strict"))
                #expect(cookie.contains("Path=/"))
                #expect(await desk.isOpen)
                let inbox = try await browser.get("/")
                #expect(inbox.status == .ok)
                #expect(inbox.text.contains("<h1>Inbox</h1>"))
                #expect(inbox.text.contains(#"<p id="no-sources">No messages yet.</p>"#))
            }
        }
    }

    @Test func repeatedWrongPassphrasesAreThrottled() async throws {
        try await DeskDeployment.run { deployment in
            try await deployment.withDesk({ $0.freeUnlockAttempts = 2 }) { desk, browser in
                var browser = browser
                for _ in 0..<3 { #expect(try await browser.unlock("wrong passphrase").status == .unauthorized) }
                // The third failure asks for a 1 s wait: even the right passphrase is refused until then.
                let throttled = try await browser.unlock()
                #expect(throttled.status == .tooManyRequests)
                #expect(throttled.text.contains("Too many wrong passphrases"))
                #expect(!(await desk.isOpen))
                deployment.clock.advance(by: .seconds(1))
                #expect(try await browser.unlock("wrong passphrase").status == .unauthorized)
                deployment.clock.advance(by: .seconds(1))
                #expect(try await browser.unlock().status == .tooManyRequests)  // now 2 s
                deployment.clock.advance(by: .seconds(1))
                #expect(try await browser.unlock().status == .seeOther)
                #expect(try await browser.get("/").status == .ok)
            }
        }
    }

    @Test func lockEndsTheSessionAndTheServiceKeepsRunning() async throws {
        try await DeskDeployment.run { deployment in
            try await deployment.withDesk { desk, browser in
                var browser = browser
                try await browser.unlock()
                let oldCookies = browser.cookies
                let token = try #require(DeskBrowser.formToken(in: try await browser.get("/")))
                let locked = try await browser.post("/lock", [("csrf", token)])
                #expect(locked.location == "/unlock")
                #expect(try await browser.get("/unlock").text.contains(#"class="alert">Locked."#))
                #expect(try await browser.get("/").location == "/unlock")
                // A form of the locked session does nothing and leads to the unlock screen.
                #expect(try await browser.post("/sync", [("csrf", token)]).location == "/unlock")
                #expect(await desk.isOpen)  // screen lock: the vault and the service stay up
                #expect(try await desk.requireClient().status().journalistId == DeskDeployment.journalistId)

                #expect(try await browser.unlock("wrong passphrase").status == .unauthorized)
                #expect(try await browser.unlock().status == .seeOther)
                #expect(browser.cookies != oldCookies)
                #expect(try await browser.get("/").status == .ok)
            }
        }
    }

    @Test func theDeskLocksItselfAfterInactivity() async throws {
        try await DeskDeployment.run { deployment in
            try await deployment.withDesk({ $0.autoLock = .seconds(300) }) { _, browser in
                var browser = browser
                try await browser.unlock()
                deployment.clock.advance(by: .seconds(299))
                #expect(try await browser.get("/status").status == .ok)  // a request keeps it alive
                deployment.clock.advance(by: .seconds(299))
                let inbox = try await browser.get("/")
                #expect(inbox.status == .ok)
                #expect(inbox.text.contains(#"data-auto-lock-seconds="300""#))
                deployment.clock.advance(by: .seconds(301))
                #expect(try await browser.get("/").location == "/unlock")
                #expect(try await browser.get("/unlock").text.contains("locked itself after 5 minutes"))
            }
        }
    }

    @Test func thePassphraseChangesUnderTheCLIRules() async throws {
        try await DeskDeployment.run { deployment in
            try await deployment.withDesk { _, browser in
                var browser = browser
                try await browser.unlock()
                let new = "a brand new passphrase"
                func change(_ current: String, _ new: String, _ confirm: String) async throws -> TestResponse {
                    try await browser.submit(
                        "/passphrase", on: "/passphrase",
                        [("current-passphrase", current), ("new-passphrase", new), ("confirm-passphrase", confirm)])
                }
                #expect(try await change("wrong passphrase", new, new).status == .unauthorized)
                let differ = try await change(DeskDeployment.passphrase, new, new + "x")
                #expect(differ.status == .unprocessableContent)
                #expect(differ.text.contains("differ"))
                let short = try await change(DeskDeployment.passphrase, "too short", "too short")
                #expect(short.status == .unprocessableContent)
                #expect(short.text.contains("at least 12 characters"))
                #expect(try await change(DeskDeployment.passphrase, new, new).location == "/passphrase")
                #expect(try await browser.get("/passphrase").text.contains("Passphrase changed."))

                #expect(try await browser.submit("/lock").location == "/unlock")
                #expect(try await browser.unlock().status == .unauthorized)
                #expect(try await browser.unlock(new).status == .seeOther)
            }
        }
    }
}
