import Foundation
public import TiplineCore

extension ReaderClient {
    /// The last status the API served (cached up to 5 minutes), or `nil` when it never answered. A failed download
    /// never replaces a real status with a made-up one (`spec/CLIENT.md` §16 #4): the UI decides what unknown means.
    public var systemStatus: SystemStatus? { status }

    /// The public keys verified against the bundled trust anchors, now.
    public func verifiedKeys() -> VerifiedKeys { verifiedKeys(now: clock.now()) }

    /// Who the reader can write to, from the verified keys and the published profiles.
    public func recipients() -> Recipients {
        guard let publicKeys else { return .empty }
        return Recipients(
            profiles: publicKeys.journalistProfiles, defaultJournalistId: publicKeys.defaultJournalistId,
            keys: verifiedKeys())
    }

    func verifiedKeys(now: Timestamp) -> VerifiedKeys {
        VerifiedKeys(
            publicKeys ?? PublicKeysResponse(journalistProfiles: [], defaultJournalistId: nil, keys: [], maxEpoch: 0),
            trustAnchors: configuration.trustAnchors, now: now)
    }

    /// A maker of cover messages for the CoverNode keys verified now.
    /// - Throws: ``ClientError`` with `.keysUnavailable` when no CoverNode key verifies.
    func coverFactory(now: Timestamp) throws -> () throws -> [UInt8] {
        let keys = verifiedKeys(now: now).latestCoverNodeMessagingKeys
        guard !keys.isEmpty else { throw ClientError(.keysUnavailable, "no verified CoverNode key is available yet") }
        return { try UserToCoverNodeMessage.sealCover(to: keys) }
    }

    func refreshStatus(now: Timestamp) async {
        guard isDue(schedule.statusFetchedAt, configuration.statusMaxAge, now),
            let body = await download(configuration.apiURL("status")),
            let fresh = try? JSONDecoder().decode(SystemStatus.self, from: body),
            (try? directory.write([UInt8](body), to: .status)) != nil
        else { return }
        status = fresh
        schedule.statusFetchedAt = now.rfc3339
    }

    /// Replaces the cached keys only with a response that verifies to at least one key, so a broken or hostile answer
    /// cannot switch messaging off.
    func refreshPublicKeys(now: Timestamp) async {
        guard isDue(schedule.publicKeysFetchedAt, configuration.publicDataMaxAge, now),
            let body = await download(configuration.apiURL("public-keys")),
            let fresh = try? JSONDecoder().decode(PublicKeysResponse.self, from: body),
            !VerifiedKeys(fresh, trustAnchors: configuration.trustAnchors, now: now).isEmpty,
            (try? directory.write([UInt8](body), to: .publicKeys)) != nil
        else { return }
        publicKeys = fresh
        schedule.publicKeysFetchedAt = now.rfc3339
    }

    /// Downloads the dead drops after the highest cached id, keeps those that verify, trims to 14 days before the
    /// newest and rewrites the cache when it changed.
    func refreshDeadDrops(now: Timestamp) async {
        guard isDue(schedule.deadDropsFetchedAt, configuration.publicDataMaxAge, now),
            let body = await download(configuration.deadDropsURL(after: deadDrops.maxId)),
            let list = try? JSONDecoder().decode(DeadDropListJSON.self, from: body)
        else { return }
        var merged = deadDrops
        merged.merge(list.deadDrops, keys: verifiedKeys(now: now), now: now, retention: ClientConfiguration.retention)
        if merged.items != deadDrops.items {
            guard (try? directory.write(merged.json, to: .deadDrops)) != nil else { return }
            deadDrops = merged
        }
        schedule.deadDropsFetchedAt = now.rfc3339
    }

    private func isDue(_ stamp: String?, _ maxAge: Duration, _ now: Timestamp) -> Bool {
        !configuration.cacheEnabled || ScheduleState.isStale(stamp, maxAge: maxAge, now: now)
    }

    /// A 2xx body, or `nil` for any failure (failures of public downloads are swallowed: the cache stays).
    private func download(_ url: URL) async -> Data? {
        guard let response = try? await transport.get(url), response.isSuccess else { return nil }
        return response.body
    }
}
