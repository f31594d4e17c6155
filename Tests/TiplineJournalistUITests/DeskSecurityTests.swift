import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import TiplineCore
import TiplineJournalist

@testable import TiplineJournalistUI

/// The web-security rules of a local web app: Host check, form tokens, security headers, locked pages.
@Suite("Desk security")
struct DeskSecurityTests {
    static let expectedHeaders: [(HTTPField.Name, String)] = [
        (
            .contentSecurityPolicy,
            "default-src 'none'; style-src 'self'; script-src 'self'; connect-src 'self'; img-src 'self'; "
                + "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
        ),
        (.cacheControl, "no-store"),
        (.xContentTypeOptions, "nosniff"),
        (HTTPField.Name("Referrer-Policy")!, "no-referrer"),
        (HTTPField.Name("X-Frame-Options")!, "DENY"),
    ]

    static func expectSecurityHeaders(_ response: TestResponse, _ what: String) {
        for (name, value) in expectedHeaders {
            #expect(response.headers[name] == value, "\(name) on \(what)")
        }
    }

    @Test func foreignHostHeadersAreRefused() async throws {
        try await DeskDeployment.run { deployment in
            try await deployment.withDesk { _, browser in
                var browser = browser
                for host in ["evil.example:8088", "evil.example", "127.0.0.1:9999", "localhost", "127.0.0.1"] {
                    browser.host = host
                    let response = try await browser.get("/unlock")
                    #expect(response.status == .misdirectedRequest, "Host \(host)")
                    #expect(!response.text.contains("unlock-form"))
                    Self.expectSecurityHeaders(response, "a refused Host")
                }
                for host in ["127.0.0.1:8088", "localhost:8088", "LOCALHOST:8088"] {
                    browser.host = host
                    #expect(try await browser.get("/unlock").status == .ok, "Host \(host)")
                }
            }
        }
    }

    @Test func securityHeadersAreOnEveryResponse() async throws {
        try await DeskDeployment.run { deployment in
            try await deployment.withDesk { _, browser in
                var browser = browser
                for path in ["/unlock", "/", "/static/app.css", "/static/app.js", "/no-such-page"] {
                    Self.expectSecurityHeaders(try await browser.get(path), "locked \(path)")
                }
                Self.expectSecurityHeaders(try await browser.post("/sync", []), "a refused POST")
                #expect(try await browser.unlock().status == .seeOther)
                for path in ["/", "/status", "/passphrase", "/sources/99", "/static/app.css"] {
                    Self.expectSecurityHeaders(try await browser.get(path), "unlocked \(path)")
                }
                #expect(try await browser.get("/static/app.css").headers[.contentType] == "text/css; charset=utf-8")
                #expect(
                    try await browser.get("/static/app.js").headers[.contentType] == "text/javascript; charset=utf-8")
            }
        }
    }

    @Test func lockedPagesRedirectToTheUnlockScreen() async throws {
        try await DeskDeployment.run { deployment in
            try await deployment.withDesk { _, browser in
                var browser = browser
                for path in ["/", "/status", "/passphrase", "/sources/1"] {
                    let response = try await browser.get(path)
                    #expect(response.status == .seeOther, "\(path)")
                    #expect(response.location == "/unlock")
                }
                let unlock = try await browser.get("/unlock")
                #expect(unlock.text.contains(#"<main id="main">"#))
                #expect(unlock.text.contains(#"<label for="passphrase">Passphrase</label>"#))
                #expect(!unlock.text.contains("<nav"))
            }
        }
    }

    @Test func postsWithoutTheRightFormTokenAreRefused() async throws {
        try await DeskDeployment.run { deployment in
            let reader = try EncryptionKeyPair<Role.User>.generate()
            try await deployment.sourceWrites("hello", from: reader)
            try await deployment.withDesk { desk, browser in
                var browser = browser
                // Before unlocking: the unlock form needs the token bound to its pre-session cookie.
                let noToken = try await browser.post("/unlock", [("passphrase", DeskDeployment.passphrase)])
                #expect(noToken.status == .forbidden)
                #expect(noToken.text.contains("Invalid or missing form token"))
                #expect(!(await desk.isOpen))

                #expect(try await browser.unlock().status == .seeOther)
                #expect(try await browser.submit("/sync").status == .seeOther)
                let forged = [("csrf", String(repeating: "a", count: 64))]
                for (path, fields) in [
                    ("/sync", [] as [(String, String)]), ("/sources/1/mute", [("muted", "true")]),
                    ("/sources/1/reply", [("text", "forged")]), ("/lock", []), ("/compose/remaining", []),
                ] {
                    for attempt in [fields, forged + fields] {
                        let response = try await browser.post(path, attempt)
                        #expect(response.status == .forbidden, "\(path)")
                        #expect(response.text.contains("Invalid or missing form token"))
                    }
                }
                // Nothing happened: not muted, nothing queued, still unlocked.
                let client = try await desk.requireClient()
                #expect(try await client.inbox().first?.isMuted == false)
                #expect(try await client.status().queuedReplies == 0)
                #expect(try await browser.get("/").status == .ok)
            }
        }
    }
}
