package import Logging
import TiplineAPIClient
package import TiplineCore
import TiplineJournalist

/// The state behind the desk's pages: the vault (closed until the first unlock), the journalist service that
/// runs in the same process once it is open, the single browser session and the unlock throttle.
///
/// Locking ends the browser session only, like a screen lock: the vault stays open and the service keeps
/// syncing and sending (cover traffic and queued replies keep flowing). Unlocking again checks the passphrase
/// against the vault file with Argon2id; the passphrase is never kept.
package actor Desk {
    /// What a request's session cookie refers to.
    enum SessionState: Sendable {
        /// No session, or not this desk's.
        case none
        /// A session that was locked or timed out.
        case ended(DeskSession)
        /// A live session (its last-seen time was just updated).
        case active(DeskSession)
    }

    /// The settings.
    package nonisolated let settings: DeskSettings
    /// Wall-clock time for sessions, the throttle and the journalist client.
    package nonisolated let clock: any WallClock
    private let sleeper: any Clock<Duration>
    private let logger: Logger
    /// Key of the pre-session form tokens (HMAC of the pre-session cookie).
    private let formKey = SecureRandom.bytes(32)
    private var client: JournalistClient?
    private var service: Task<Void, Never>?
    private var session: DeskSession?
    private var throttle: UnlockThrottle
    private var attemptInProgress = false
    /// Why the journalist service stopped, if it did.
    private(set) var serviceProblem: String?
    /// The port the desk listens on (the real one once bound, for `--port 0`).
    private(set) var port: Int

    /// Creates a locked desk; nothing is opened until the first unlock.
    /// - Parameters:
    ///   - clock: wall-clock time (tests inject a manual one).
    ///   - sleeper: the clock the journalist service sleeps on.
    package init(
        settings: DeskSettings, clock: any WallClock = SystemWallClock(),
        sleeper: any Clock<Duration> = ContinuousClock(), logger: Logger
    ) {
        self.settings = settings
        self.clock = clock
        self.sleeper = sleeper
        self.logger = logger
        self.port = settings.port
        self.throttle = UnlockThrottle(freeAttempts: settings.freeUnlockAttempts, maxDelay: settings.maxUnlockDelay)
    }

    /// Records the port the server is bound to.
    func setPort(_ port: Int) { self.port = port }

    /// The session cookie's name; it carries the port because browsers share cookies between ports of a host.
    var sessionCookie: String { "tipline_desk_\(port)" }
    /// The pre-session cookie (before unlocking) that the unlock form's token is bound to.
    var preSessionCookie: String { "tipline_desk_unlock_\(port)" }

    /// Whether the vault has been opened (by a first unlock).
    var isOpen: Bool { client != nil }

    /// The journalist client, once the vault is open.
    func requireClient() throws -> JournalistClient {
        guard let client else { throw DeskError(.failed, "the vault is not open") }
        return client
    }

    // MARK: Sessions

    /// Looks up the session of `cookie`; a live one is touched, or ended when it was idle too long.
    func session(cookie: String?) -> SessionState {
        guard var current = session, Secret.matches(cookie, current.id) else { return .none }
        guard !current.ended else { return .ended(current) }
        let now = clock.now()
        if now.duration(since: current.lastSeen) > settings.autoLock {
            current.ended = true
            current.alerts = ["The desk locked itself after \(Self.minutes(settings.autoLock)) without activity."]
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

    /// The form token of the unlock page, bound to the pre-session cookie.
    func preSessionToken(cookie: String) -> String {
        Hex.encode(Hashing.hmacSHA256(key: formKey, message: Array(cookie.utf8)))
    }

    /// Checks the unlock form's token.
    func checkPreSessionToken(cookie: String?, formToken: String?) throws {
        guard let cookie, !cookie.isEmpty, Secret.matches(formToken, preSessionToken(cookie: cookie)) else {
            throw Self.invalidFormToken
        }
    }

    static let invalidFormToken = DeskError(
        .invalidFormToken, "Invalid or missing form token. Reload the page and try again.")

    // MARK: Unlocking

    /// Unlocks with `passphrase`: the first time it opens the vault and starts the journalist service; later it
    /// checks the passphrase against the vault. Returns the new session, which replaces any earlier one.
    /// - Throws: ``DeskError`` `.tooManyAttempts` while the throttle asks to wait, `.wrongPassphrase`, or
    ///   `.vaultUnavailable`.
    func unlock(passphrase: String) async throws -> DeskSession {
        let right = try await throttled("Another unlock attempt is in progress") {
            if let client {
                return try await Self.verify(passphrase, of: client.vault)
            }
            guard let vault = try await Self.open(settings.vaultPath, passphrase: passphrase) else { return false }
            start(vault)
            return true
        }
        guard right else {
            logger.notice("wrong passphrase at the unlock screen", metadata: ["failures": "\(throttle.failures)"])
            throw DeskError(.wrongPassphrase, "Wrong passphrase. Try again.")
        }
        let fresh = DeskSession(now: clock.now())
        session = fresh
        logger.info("desk unlocked")
        return fresh
    }

    /// Checks the current passphrase (for the passphrase change), under the same throttle as unlocking.
    /// - Throws: ``DeskError`` `.tooManyAttempts` while the throttle asks to wait or another attempt is in progress,
    ///   `.wrongPassphrase`, or `.vaultUnavailable`.
    func checkCurrentPassphrase(_ passphrase: String) async throws {
        let vault = try requireClient().vault
        guard
            try await throttled(
                "Another passphrase check is in progress", { try await Self.verify(passphrase, of: vault) })
        else { throw DeskError(.wrongPassphrase, "The current passphrase is wrong.") }
    }

    /// Runs one passphrase attempt under the throttle: refused while the throttle asks to wait, and while another
    /// attempt (unlock or passphrase check) is running, so parallel requests cannot guess in parallel. The outcome
    /// is recorded in the throttle.
    private func throttled(_ busy: String, _ attempt: () async throws -> Bool) async throws -> Bool {
        if let wait = throttle.wait(at: clock.now()) {
            throw DeskError(
                .tooManyAttempts, "Too many wrong passphrases. Wait \(Self.seconds(wait)) before trying again.")
        }
        guard !attemptInProgress else { throw DeskError(.tooManyAttempts, "\(busy). Wait a moment and try again.") }
        attemptInProgress = true
        defer { attemptInProgress = false }
        let right = try await attempt()
        if right { throttle.succeeded() } else { throttle.failed(at: clock.now()) }
        return right
    }

    /// Opens the vault off the actor (Argon2id takes about half a second). `nil` for a wrong passphrase.
    private nonisolated static func open(_ path: String, passphrase: String) async throws -> JournalistVault? {
        do {
            return try JournalistVault(openingAt: path, passphrase: passphrase)
        } catch let error as JournalistError where error.code == .wrongPassphrase {
            return nil
        } catch let error as JournalistError {
            throw DeskError(.vaultUnavailable, "The vault cannot be opened: \(error.message).")
        }
    }

    private nonisolated static func verify(_ passphrase: String, of vault: JournalistVault) async throws -> Bool {
        do {
            return try vault.verifyPassphrase(passphrase)
        } catch let error as JournalistError {
            throw DeskError(.vaultUnavailable, "The vault cannot be read: \(error.message).")
        }
    }

    /// Starts the journalist service on the opened vault.
    private func start(_ vault: JournalistVault) {
        var configuration = JournalistConfiguration()
        configuration.sendInterval = settings.sendInterval
        if let syncInterval = settings.syncInterval { configuration.syncInterval = syncInterval }
        let client = JournalistClient(
            vault: vault, api: APIClient(baseURL: settings.apiURL), clock: clock, configuration: configuration)
        self.client = client
        let service = JournalistService(client: client, clock: sleeper, logger: logger)
        self.service = Task {
            do {
                try await service.run()
            } catch {
                self.serviceStopped(because: error)
            }
        }
        logger.info("vault opened; journalist service started")
    }

    private func serviceStopped(because error: any Error) {
        serviceProblem = "\(error)"
        logger.error("the journalist service stopped", metadata: ["error": "\(error)"])
    }

    /// Stops the journalist service (the step in progress finishes and saves) and closes the vault.
    package func shutdown() async {
        service?.cancel()
        await service?.value
        service = nil
        session = nil
        await client?.vault.close()
    }

    // MARK: Wording

    static func minutes(_ duration: Duration) -> String {
        let minutes = max(1, Int(duration.components.seconds / 60))
        return minutes == 1 ? "1 minute" : "\(minutes) minutes"
    }

    static func seconds(_ duration: Duration) -> String {
        let seconds = max(1, Int(duration.components.seconds) + (duration.components.attoseconds > 0 ? 1 : 0))
        return seconds == 1 ? "1 second" : "\(seconds) seconds"
    }
}
