public import Foundation
public import TiplineCore

/// Everything an app decides about its reader client (`spec/CLIENT.md` §2), injected once.
public struct ClientConfiguration: Sendable {
    /// Production refuses unsafe settings; development allows them.
    public enum Environment: String, Sendable {
        /// A real deployment.
        case production
        /// A developer's machine, tests and simulations.
        case development
    }

    /// Production or development.
    public var environment: Environment
    /// The API root including `/v1` (for example `https://api.example.org/v1`).
    public var apiBaseURL: URL
    /// The messaging root without `/v1` (the host serving `POST /user/messages`).
    public var messageBaseURL: URL
    /// The organisation keys bundled with the app; never taken from the network.
    public var trustAnchors: [SignedPublicKey<SigningPublicKey<Role.Organization>>]
    /// Words per passphrase: 5 in password-only mode (CoverDrop's Android fallback).
    public var passphraseWordCount: Int
    /// Argon2id parameters of the vault key: ``PasswordKDF/userVault`` in production.
    public var vaultKDF: PasswordKDF
    /// Messages sent per sending run: 2.
    public var messagesPerRun: Int
    /// Minimum time between two sending runs: 1 hour.
    public var minIntervalBetweenSendRuns: Duration
    /// A session is locked when the app returns after longer than this in the background: 5 minutes.
    public var maxBackgroundDuration: Duration
    /// Status is refreshed when older than this: 5 minutes.
    public var statusMaxAge: Duration
    /// Keys and dead drops are refreshed when older than this: 1 hour.
    public var publicDataMaxAge: Duration
    /// When off (development only), public data is fetched at every start and foreground.
    public var cacheEnabled: Bool

    /// Fourteen days: mailbox expiry and dead-drop retention.
    public static let retention: Duration = .seconds(14 * 86_400)
    /// "Expiring soon" window before ``retention`` ends.
    public static let expiryWarning: Duration = .seconds(48 * 3600)

    /// A configuration with CoverDrop's production values for everything not given.
    public init(
        environment: Environment = .production, apiBaseURL: URL, messageBaseURL: URL,
        trustAnchors: [SignedPublicKey<SigningPublicKey<Role.Organization>>], passphraseWordCount: Int = 5,
        vaultKDF: PasswordKDF = .userVault, messagesPerRun: Int = 2,
        minIntervalBetweenSendRuns: Duration = .seconds(3600),
        maxBackgroundDuration: Duration = .seconds(300), statusMaxAge: Duration = .seconds(300),
        publicDataMaxAge: Duration = .seconds(3600), cacheEnabled: Bool = true
    ) {
        self.environment = environment
        self.apiBaseURL = apiBaseURL
        self.messageBaseURL = messageBaseURL
        self.trustAnchors = trustAnchors
        self.passphraseWordCount = passphraseWordCount
        self.vaultKDF = vaultKDF
        self.messagesPerRun = messagesPerRun
        self.minIntervalBetweenSendRuns = minIntervalBetweenSendRuns
        self.maxBackgroundDuration = maxBackgroundDuration
        self.statusMaxAge = statusMaxAge
        self.publicDataMaxAge = publicDataMaxAge
        self.cacheEnabled = cacheEnabled
    }

    /// Throws unless the configuration is safe to run.
    /// - Throws: ``ClientError`` with `.invalidConfiguration`: production with caching off or a KDF weaker than
    ///   ``PasswordKDF/userVault``; no trust anchor; fewer than 1 message per run or word.
    public func validate() throws {
        func fail(_ message: String) -> ClientError { ClientError(.invalidConfiguration, message) }
        guard !trustAnchors.isEmpty else { throw fail("at least one trust anchor is required") }
        guard passphraseWordCount >= 1, messagesPerRun >= 1, messagesPerRun <= PrivateSendingQueue.capacity else {
            throw fail(
                "word count and messages per run must be positive, at most \(PrivateSendingQueue.capacity) per run")
        }
        guard environment == .development || cacheEnabled else { throw fail("production requires caching") }
        guard
            environment == .development
                || (vaultKDF.memoryKiB >= PasswordKDF.userVault.memoryKiB
                    && vaultKDF.iterations >= PasswordKDF.userVault.iterations)
        else { throw fail("production requires the user-vault Argon2id parameters or stronger") }
        guard environment == .development || passphraseWordCount >= 5 else {
            throw fail("production passphrases in password-only mode have at least 5 words")
        }
    }

    func apiURL(_ path: String) -> URL { apiBaseURL.appendingPathComponent(path) }

    func deadDropsURL(after id: Int32) -> URL {
        var components = URLComponents(url: apiURL("user/dead-drops"), resolvingAgainstBaseURL: false)
        components?.queryItems = [URLQueryItem(name: "ids_greater_than", value: String(id))]
        return components?.url ?? apiURL("user/dead-drops")
    }

    var sendURL: URL { messageBaseURL.appendingPathComponent("user/messages") }
}
