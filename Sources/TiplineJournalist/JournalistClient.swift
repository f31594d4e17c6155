package import TiplineAPIClient
package import TiplineCore

/// The journalist's side of Tipline: an open vault, the API, and a clock.
///
/// Every operation is a small, testable step: ``completeSetup()`` (first run), ``sync()`` (receive),
/// ``queueReply(to:text:)`` / ``queueHandover(of:to:)`` (reply), ``sendNext()`` (one J2C, real or cover),
/// ``rotateKeys()`` (keys and clean-up). ``JournalistService`` runs them on their schedules.
package struct JournalistClient: Sendable {
    /// The open vault.
    package let vault: JournalistVault
    /// The API.
    package let api: APIClient
    /// Wall-clock time (injected so tests control it).
    package let clock: any WallClock
    /// Schedules and lifetimes.
    package let configuration: JournalistConfiguration
    let keysCache = PublishedKeysCache()
    let activity = ClientActivity()

    /// Creates a client.
    package init(
        vault: JournalistVault, api: APIClient, clock: any WallClock = SystemWallClock(),
        configuration: JournalistConfiguration = JournalistConfiguration()
    ) {
        self.vault = vault
        self.api = api
        self.clock = clock
        self.configuration = configuration
    }

    /// The verified key hierarchy, from the cache when fresh enough.
    func verifiedKeys(allowStale: Bool = false, forceRefresh: Bool = false) async throws -> VerifiedKeys {
        let anchors = try await vault.read { contents in
            contents.trustAnchors.compactMap { try? SignedPublicKey<SigningPublicKey<Role.Organization>>(json: $0) }
        }
        return try await keysCache.verifiedKeys(
            api: api, anchors: anchors, now: clock.now(), maxAge: configuration.keysMaxAge,
            expiredKeyRetention: configuration.expiredKeyRetention, allowStale: allowStale, forceRefresh: forceRefresh)
    }
}
