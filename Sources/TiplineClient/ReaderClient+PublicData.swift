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
        let url = configuration.apiURL("status")
        if let fresh: SystemStatus = await refreshed(
            .status, from: url, stamp: \.statusFetchedAt, maxAge: configuration.statusMaxAge, now: now)
        {
            status = fresh
        }
    }

    /// Replaces the cached keys only with a response that verifies to at least one key, so a broken or hostile answer
    /// cannot switch messaging off.
    func refreshPublicKeys(now: Timestamp) async {
        let url = configuration.apiURL("public-keys")
        let trustAnchors = configuration.trustAnchors
        if let fresh: PublicKeysResponse = await refreshed(
            .publicKeys, from: url, stamp: \.publicKeysFetchedAt, maxAge: configuration.publicDataMaxAge, now: now,
            accept: { !VerifiedKeys($0, trustAnchors: trustAnchors, now: now).isEmpty })
        {
            publicKeys = fresh
        }
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

    /// Downloads `url` when the cached `file`, fetched at `schedule[keyPath: stamp]`, is older than `maxAge`; caches
    /// and returns the body when it decodes and passes `accept`, and moves the stamp to `now`. `nil` otherwise: the
    /// cache and the stamp stay.
    private func refreshed<Body: Decodable>(
        _ file: ClientFile, from url: URL, stamp: WritableKeyPath<ScheduleState, String?>, maxAge: Duration,
        now: Timestamp, accept: (Body) -> Bool = { _ in true }
    ) async -> Body? {
        guard isDue(schedule[keyPath: stamp], maxAge, now),
            let body = await download(url),
            let fresh = try? JSONDecoder().decode(Body.self, from: body),
            accept(fresh),
            (try? directory.write([UInt8](body), to: file)) != nil
        else { return nil }
        schedule[keyPath: stamp] = now.rfc3339
        return fresh
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
