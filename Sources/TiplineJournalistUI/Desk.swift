package import Logging
package import TiplineCore
import TiplineJournalist

/// The state behind the desk's pages: the vault (closed until the first unlock), the journalist service that
/// runs in the same process once it is open, the single browser session and the unlock throttle.
///
/// Locking ends the browser session only, like a screen lock: the vault stays open and the service keeps
/// syncing and sending (cover traffic and queued replies keep flowing). Unlocking again checks the passphrase
/// against the vault file with Argon2id; the passphrase is never kept.
package actor Desk {
    /// The settings.
    package nonisolated let settings: DeskSettings
    /// Wall-clock time for sessions, the throttle and the journalist client.
    package nonisolated let clock: any WallClock
    let sleeper: any Clock<Duration>
    let logger: Logger
    /// Key of the pre-session form tokens (HMAC of the pre-session cookie).
    let formKey = SecureRandom.bytes(32)
    var client: JournalistClient?
    var service: Task<Void, Never>?
    var session: DeskSession?
    var throttle: UnlockThrottle
    var attemptInProgress = false
    /// Why the journalist service stopped, if it did.
    var serviceProblem: String?
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
}
