import TiplineCore

/// Schedules and lifetimes of the journalist client. The defaults follow CoverDrop (`spec/PROTOCOL.md` §4.7, §8).
public struct JournalistConfiguration: Sendable {
    /// How often the service looks for new dead drops.
    public var syncInterval: Duration = .seconds(15)
    /// How often the sender posts one J2C, real or cover.
    public var sendInterval: Duration = .seconds(60)
    /// How often the service checks whether keys are due for rotation.
    public var keyCheckInterval: Duration = .seconds(3600)
    /// Age of the latest messaging key after which a new one is made.
    public var messagingKeyRotation: Duration = KeyLifetimes.journalistMessagingRotation
    /// Validity of a new messaging key (capped by the identity key's).
    public var messagingKeyValidity: Duration = KeyLifetimes.messaging
    /// Age of the identity key after which a new one is requested.
    public var identityKeyRotation: Duration = KeyLifetimes.journalistIdentity / 2
    /// A queued reply is sealed again from the latest key when its sender key expires within this margin, so that
    /// readers can still verify it when it arrives.
    public var replyKeyMargin: Duration = .seconds(3 * 86_400)
    /// Messages older than this are deleted from the vault (CoverDrop's `MESSAGE_VALID_FOR_DURATION`);
    /// `nil` keeps them.
    public var messageRetention: Duration? = .seconds(14 * 86_400)
    /// How long a fetched key hierarchy is reused before it is fetched again.
    public var keysMaxAge: Duration = .seconds(60)
    /// How long after they expired CoverNode keys still verify and open the dead drops made while they were valid:
    /// the API's dead-drop retention (14 days, as CoverDrop), so that a journalist offline while a key expired loses
    /// nothing.
    public var expiredKeyRetention: Duration = .seconds(14 * 86_400)
    /// First retry delay after a failure of the API; doubled on every further failure.
    public var retryInitialDelay: Duration = .seconds(1)
    /// Longest retry delay.
    public var retryMaxDelay: Duration = .seconds(60)
    /// Most dead drops requested per page (the server may return fewer).
    public var deadDropPageLimit: Int? = nil

    /// The defaults.
    public init() {}
}
