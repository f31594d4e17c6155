import Foundation
import HTTPTypes
import Hummingbird
import TiplineCore

/// The unlock screen and the lock button.
extension DeskRoutes {
    func addUnlockRoutes(to router: Router<some RequestContext>) {
        router.get("/unlock") { request, _ in
            switch await desk.session(cookie: sessionCookie(of: request)) {
            case .active: return Pages.redirect(to: "/")
            case .ended: return await unlockPage(request, alerts: await desk.takeAlerts())
            case .none: return await unlockPage(request, alerts: [])
            }
        }
        router.post("/unlock") { request, _ in
            let form = try await FormBody.read(request)
            let preSession = request.cookies[await desk.preSessionCookie]?.value
            try await desk.checkPreSessionToken(cookie: preSession, formToken: form["csrf"])
            do {
                let session = try await desk.unlock(passphrase: form["passphrase"] ?? "")
                var response = Pages.redirect(to: "/")
                response.setCookie(await cookie(desk.sessionCookie, session.id))
                return response
            } catch let error as DeskError
                where [.wrongPassphrase, .tooManyAttempts, .vaultUnavailable].contains(error.code)
            {
                return await unlockPage(request, alerts: [error.message], status: error.code.status)
            }
        }
        router.post("/lock") { request, _ in
            if try await authorizedForm(request) != nil { await desk.lock() }
            return Pages.redirect(to: "/unlock")
        }
    }

    /// The unlock form, with a form token bound to the pre-session cookie (set here when missing).
    private func unlockPage(
        _ request: Request, alerts: [String], status: HTTPResponse.Status = .ok
    ) async -> Response {
        let name = await desk.preSessionCookie
        let existing = request.cookies[name]?.value
        let value = existing.flatMap { $0.count == 64 && $0.allSatisfy(\.isHexDigit) ? $0 : nil }
        let preSession = value ?? Hex.encode(SecureRandom.bytes(32))
        let opened = await desk.isOpen
        let page = Page(
            title: "Unlock the desk", unlocked: false, csrf: await desk.preSessionToken(cookie: preSession),
            alerts: alerts, autoLockSeconds: 0, current: CurrentPage(),
            content: UnlockContent(vaultOpen: opened))
        var response = pages.html("unlock", page, status: status)
        if value == nil { response.setCookie(cookie(name, preSession)) }
        return response
    }

    /// A cookie for this desk only: not readable by scripts, never sent with requests from other sites.
    func cookie(_ name: String, _ value: String) -> Cookie {
        Cookie(name: name, value: value, path: "/", httpOnly: true, sameSite: .strict)
    }
}

/// The unlock screen's content.
struct UnlockContent {
    /// Whether the vault is already open (the service runs; unlocking only checks the passphrase).
    let vaultOpen: Bool
}
