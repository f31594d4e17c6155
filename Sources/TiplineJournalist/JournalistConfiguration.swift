import TiplineCore

/// Schedules and lifetimes of the journalist client. The defaults follow CoverDrop (`spec/PROTOCOL.md` §4.7, §8).
package struct JournalistConfiguration: Sendable {
    /// How often the service looks for new dead drops.
    package var syncInterval: Duration = .seconds(15)
    /// How often the sender posts one J2C, real or cover.
    package var sendInterval: Duration = .seconds(60)
    /// How often the service checks whether keys are due for rotation.
    package var keyCheckInterval: Duration = .seconds(3600)
    /// Age of the latest messaging key after which a new one is made.
    package var messagingKeyRotation: Duration = KeyLifetimes.journalistMessagingRotation
    /// Validity of a new messaging key (capped by the identity key's).
    package var messagingKeyValidity: Duration = KeyLifetimes.messaging
    /// Age of the identity key after which a new one is requested.
    package var identityKeyRotation: Duration = KeyLifetimes.journalistIdentity / 2
    /// A queued reply is sealed again from the latest key when its sender key expires within this margin, so that
    /// readers can still verify it when it arrives.
    package var replyKeyMargin: Duration = .seconds(3 * 86_400)
    /// Messages older than this are deleted from the vault (CoverDrop's `MESSAGE_VALID_FOR_DURATION`);
    /// `nil` keeps them.
    package var messageRetention: Duration? = .seconds(14 * 86_400)
    /// How long a fetched key hierarchy is reused before it is fetched again.
    package var keysMaxAge: Duration = .seconds(60)
    /// How long after they expired CoverNode keys still verify and open the dead drops made while they were valid:
    /// the API's dead-drop retention (14 days, as CoverDrop), so that a journalist offline while a key expired loses
    /// nothing.
    package var expiredKeyRetention: Duration = .seconds(14 * 86_400)
    /// First retry delay after a failure of the API; doubled on every further failure.
    package var retryInitialDelay: Duration = .seconds(1)
    /// Longest retry delay.
    package var retryMaxDelay: Duration = .seconds(60)
    /// Most dead drops requested per page (the server may return fewer).
    package var deadDropPageLimit: Int? = nil

    /// The defaults.
    package init() {}
}
