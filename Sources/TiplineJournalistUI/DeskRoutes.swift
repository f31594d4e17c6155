import HTTPTypes
import Hummingbird
import TiplineJournalist

/// The desk's screens. Each screen adds its routes in an extension (`DeskRoutes+Inbox.swift`, …); this file has
/// the steps they share: finding the session, checking form tokens, rendering a page in the frame.
struct DeskRoutes: Sendable {
    let desk: Desk
    let pages: Pages

    /// Adds every route.
    func add(to router: Router<some RequestContext>) {
        addUnlockRoutes(to: router)
        addInboxRoutes(to: router)
        addConversationRoutes(to: router)
        addStatusRoutes(to: router)
        addPassphraseRoutes(to: router)
        router.get("/static/app.css") { _, _ in pages.styleSheetResponse }
        router.get("/static/app.js") { _, _ in pages.scriptResponse }
        // No icon: an empty answer keeps the browser from asking again and from logging a 404.
        router.get("/favicon.ico") { _, _ in Response(status: .noContent) }
    }

    /// The session cookie's value.
    func sessionCookie(of request: Request) async -> String? {
        request.cookies[await desk.sessionCookie]?.value
    }

    /// The live session of a page request, or `nil` (the caller redirects to the unlock screen).
    func liveSession(_ request: Request) async -> DeskSession? {
        guard case .active(let session) = await desk.session(cookie: sessionCookie(of: request)) else { return nil }
        return session
    }

    /// A POST's form, checked against the session's form token. `nil` when the session has ended: the caller
    /// redirects to the unlock screen and does nothing.
    /// - Throws: ``DeskError`` `.invalidFormToken` (403) for a missing or wrong token.
    func authorizedForm(_ request: Request) async throws -> (form: FormBody, session: DeskSession)? {
        let form = try await FormBody.read(request)
        guard let session = try await desk.authorize(cookie: sessionCookie(of: request), formToken: form["csrf"])
        else { return nil }
        return (form, session)
    }

    /// Runs a POST handler for a live session; an ended session goes to the unlock screen.
    func post(
        _ request: Request, _ body: (FormBody, JournalistClient) async throws -> Response
    ) async throws -> Response {
        guard let (form, _) = try await authorizedForm(request) else { return Pages.redirect(to: "/unlock") }
        return try await body(form, desk.requireClient())
    }

    /// Runs a GET handler for a live session; without one, the request goes to the unlock screen.
    func get(
        _ request: Request, _ body: (DeskSession, JournalistClient) async throws -> Response
    ) async throws -> Response {
        guard let session = await liveSession(request) else { return Pages.redirect(to: "/unlock") }
        return try await body(session, desk.requireClient())
    }

    /// A page of an unlocked desk, with the navigation, the lock form and the alerts waiting for the session.
    func page<Content>(
        _ template: String, title: String, session: DeskSession, current: CurrentPage = CurrentPage(),
        content: Content, alerts: [String] = [], status: HTTPResponse.Status = .ok
    ) async -> Response {
        let waiting = await desk.takeAlerts()
        let page = Page(
            title: title, unlocked: true, csrf: session.formToken, alerts: waiting + alerts,
            autoLockSeconds: Int(desk.settings.autoLock.components.seconds), current: current, content: content)
        return pages.html(template, page, status: status)
    }
}
