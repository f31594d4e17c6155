import Logging
import TiplineCore

/// The desk's single browser session: looked up by cookie, touched on every request, ended by the Lock button or
/// after `autoLock` without activity, and the alerts waiting for its next page.
extension Desk {
    /// What a request's session cookie refers to.
    enum SessionState: Sendable {
        /// No session, or not this desk's.
        case none
        /// A session that was locked or timed out.
        case ended(DeskSession)
        /// A live session (its last-seen time was just updated).
        case active(DeskSession)
    }

    /// Looks up the session of `cookie`; a live one is touched, or ended when it was idle too long.
    func session(cookie: String?) -> SessionState {
        guard var current = session, Secret.matches(cookie, current.id) else { return .none }
        guard !current.ended else { return .ended(current) }
        let now = clock.now()
        if now.duration(since: current.lastSeen) > settings.autoLock {
            current.ended = true
            current.alerts = ["The desk locked itself after \(TimeText.minutes(settings.autoLock)) without activity."]
            session = current
            logger.info("desk locked after inactivity")
            return .ended(current)
        }
        current.lastSeen = now
        session = current
        return .active(current)
    }

    /// Checks a POST's form token against the session of `cookie`. Returns the live session, or `nil` when the
    /// token is right but the session has ended (the page should go to the unlock screen).
    /// - Throws: ``DeskError`` `.invalidFormToken` when there is no session or the token is wrong.
    func authorize(cookie: String?, formToken: String?) throws -> DeskSession? {
        let state = session(cookie: cookie)
        switch state {
        case .active(let current) where Secret.matches(formToken, current.formToken): return current
        case .ended(let current) where Secret.matches(formToken, current.formToken): return nil
        default: throw Self.invalidFormToken
        }
    }

    /// Ends the live session (the Lock button).
    func lock() {
        guard var current = session, !current.ended else { return }
        current.ended = true
        current.alerts = ["Locked."]
        session = current
        logger.info("desk locked")
    }

    /// Adds a message to the next page of the session.
    func flash(_ alert: String) {
        session?.alerts.append(alert)
    }

    /// Takes the messages waiting for the session's next page.
    func takeAlerts() -> [String] {
        defer { session?.alerts = [] }
        return session?.alerts ?? []
    }
}
