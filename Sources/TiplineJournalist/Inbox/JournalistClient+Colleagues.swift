package import TiplineCore

extension JournalistClient {
    /// The other journalists and desks a source can be handed over to: every published profile, other than this
    /// vault's own, whose messaging keys verify against the vault's trust anchors, sorted by their sort name.
    /// Uses the cached key hierarchy when the API cannot be reached.
    package func handoverTargets() async throws -> [JournalistProfile] {
        let keys = try await verifiedKeys(allowStale: true)
        let ownId = try await vault.read { $0.journalistId }
        let profiles = await keysCache.lastResponse?.journalistProfiles ?? []
        return profiles.filter { profile in
            profile.id != ownId && !keys.messagingKeys(forJournalist: profile.id).isEmpty
        }.sorted { ($0.sortName, $0.id) < ($1.sortName, $1.id) }
    }
}
