import TiplineAPIClient
import TiplineCore

/// The last `GET /v1/public-keys` response, re-verified against the vault's trust anchors at every use so that
/// keys that expired since the fetch are never used.
actor PublishedKeysCache {
    private var response: PublicKeysResponse?
    private var fetchedAt: Timestamp?

    /// Verified keys no older than `maxAge`, fetching them when needed, with keys that expired within
    /// `expiredKeyRetention` kept for the dead drops they signed. When the API cannot be reached and `allowStale` is
    /// set, the previous response is used (re-verified at `now`).
    func verifiedKeys(
        api: APIClient, anchors: [SignedPublicKey<SigningPublicKey<Role.Organization>>], now: Timestamp,
        maxAge: Duration, expiredKeyRetention: Duration, allowStale: Bool = false, forceRefresh: Bool = false
    ) async throws -> VerifiedKeys {
        if forceRefresh || response == nil || (fetchedAt.map { now.duration(since: $0) > maxAge } ?? true) {
            do {
                response = try await api.publicKeys()
                fetchedAt = now
            } catch {
                guard allowStale, response != nil else { throw error }
            }
        }
        guard let response else { throw JournalistError(.untrustedKeys, "no key hierarchy has been fetched") }
        let keys = VerifiedKeys(
            response, trustAnchors: anchors, now: now, expiredKeyRetention: expiredKeyRetention)
        guard !keys.isEmpty else {
            throw JournalistError(
                .untrustedKeys, "the API's keys do not verify against this vault's organisation keys")
        }
        return keys
    }

    /// The raw response last fetched (profiles are not signed; for display only).
    var lastResponse: PublicKeysResponse? { response }
}
