public import Foundation
public import TiplineCore

/// What a simulated population of reader apps looks like and how long it runs.
public struct PopulationSettings: Sendable {
    /// The API root including `/v1`.
    public var apiBaseURL: URL
    /// The host serving `POST /user/messages` (no `/v1`).
    public var messageBaseURL: URL
    /// The organisation keys every app bundles.
    public var trustAnchors: [SignedPublicKey<SigningPublicKey<Role.Organization>>]
    /// Number of apps.
    public var readers: Int
    /// How many of them are sources (the first `sources` apps).
    public var sources: Int
    /// Whom sources write to; `nil` picks the default recipient, else the first one listed.
    public var journalistId: String?
    /// Messages each source writes, one per app open.
    public var messagesPerSource: Int
    /// What sources write; `nil` writes "Tip N from a simulated source.".
    public var messageText: String?
    /// Virtual time simulated.
    public var duration: Duration
    /// Virtual time between two simulation steps.
    public var tick: Duration
    /// Mean number of times a reader opens the news app per virtual day.
    public var opensPerDay: Double
    /// How long the app stays in the foreground each time.
    public var foregroundTime: Duration
    /// Where the apps' state folders go (`reader-0001`, …); `nil` makes a temporary folder, removed at the end.
    public var stateRoot: URL?
    /// Vault key derivation: ``PasswordKDF/testOnly`` keeps thousands of vaults cheap.
    public var vaultKDF: PasswordKDF
    /// Virtual start time; `nil` starts at the real current time.
    public var start: Timestamp?
    /// Apps stepped at the same time.
    public var maxConcurrentReaders: Int

    /// A population with the given server and trust anchors, and modest defaults for the rest.
    public init(
        apiBaseURL: URL, messageBaseURL: URL, trustAnchors: [SignedPublicKey<SigningPublicKey<Role.Organization>>],
        readers: Int = 20, sources: Int = 2, journalistId: String? = nil, messagesPerSource: Int = 1,
        duration: Duration = .seconds(2 * 86_400), tick: Duration = .seconds(300), opensPerDay: Double = 4,
        foregroundTime: Duration = .seconds(240), stateRoot: URL? = nil, vaultKDF: PasswordKDF = .testOnly,
        start: Timestamp? = nil, maxConcurrentReaders: Int = 16, messageText: String? = nil
    ) {
        self.apiBaseURL = apiBaseURL
        self.messageBaseURL = messageBaseURL
        self.trustAnchors = trustAnchors
        self.readers = readers
        self.sources = sources
        self.journalistId = journalistId
        self.messagesPerSource = messagesPerSource
        self.duration = duration
        self.tick = tick
        self.opensPerDay = opensPerDay
        self.foregroundTime = foregroundTime
        self.stateRoot = stateRoot
        self.vaultKDF = vaultKDF
        self.start = start
        self.maxConcurrentReaders = maxConcurrentReaders
        self.messageText = messageText
    }

    /// Throws unless the numbers make sense.
    public func validate() throws {
        func fail(_ message: String) -> SimulationError { SimulationError(.invalidArgument, message) }
        guard readers > 0, readers <= 100_000 else { throw fail("readers must be 1…100000") }
        guard sources >= 0, sources <= readers else { throw fail("sources must be 0…readers") }
        guard messagesPerSource >= 0, opensPerDay > 0, maxConcurrentReaders > 0 else {
            throw fail("messages per source must be ≥ 0, opens per day and concurrency > 0")
        }
        guard tick > .zero, duration > .zero, foregroundTime > .zero, foregroundTime < .seconds(86_400) else {
            throw fail("tick, duration and foreground time must be positive")
        }
        guard !trustAnchors.isEmpty else { throw fail("at least one trust anchor is needed") }
        if let messageText {
            guard (try? PaddedCompressedString(text: messageText)) != nil else {
                throw fail("the message text does not fit in one message once compressed")
            }
        }
    }
}
