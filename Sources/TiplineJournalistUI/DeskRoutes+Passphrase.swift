import Hummingbird
import TiplineCore
import TiplineJournalist

/// Changing the vault's passphrase (the rules of `tipline journalist change-passphrase`).
extension DeskRoutes {
    func addPassphraseRoutes(to router: Router<some RequestContext>) {
        router.get("/passphrase") { request, _ in
            try await get(request) { session, _ in await passphrasePage(session) }
        }
        router.post("/passphrase") { request, _ in
            guard let (form, session) = try await authorizedForm(request) else { return Pages.redirect(to: "/unlock") }
            let new = form["new-passphrase"] ?? ""
            do {
                try await desk.checkCurrentPassphrase(form["current-passphrase"] ?? "")
                guard new == form["confirm-passphrase"] else {
                    throw DeskError(.invalidInput, "The two new passphrases differ.")
                }
                do {
                    try VaultPassphrase.validate(new)
                } catch let error as JournalistError {
                    throw DeskError(.invalidInput, "The new passphrase is not accepted: \(error.message).")
                }
                try await desk.requireClient().vault.changePassphrase(to: new)
            } catch let error as DeskError where error.code != .failed {
                return await passphrasePage(session, alerts: [error.message], status: error.code.status)
            }
            await desk.flash("Passphrase changed.")
            return Pages.redirect(to: "/passphrase")
        }
    }

    private func passphrasePage(
        _ session: DeskSession, alerts: [String] = [], status: HTTPResponse.Status = .ok
    ) async -> Response {
        await page(
            "passphrase", title: "Change passphrase", session: session, current: CurrentPage(passphrase: true),
            content: PassphraseContent(), alerts: alerts, status: status)
    }
}

/// The passphrase screen's content.
struct PassphraseContent {
    let minimumLength = VaultPassphrase.minimumLength
}
