import Foundation
import TiplineCore

/// The user dead drops of the last 14 days, as the API served them (`created_at`, `data` and `signature` strings kept
/// verbatim, so signatures stay verifiable), persisted as `dead-drops.json` together with the CoverNode identity keys
/// that may have signed them.
///
/// Only dead drops that verified when they arrived are kept; the window is measured from the newest cached dead
/// drop, not from the device clock (`spec/CLIENT.md` §4.4). A dead drop is verified against the identity keys valid
/// at its `created_at`, and those keys are kept (even once expired, when the API no longer serves them) as long as
/// dead drops they could have signed are: a reply cached before the key expired stays readable for its 14 days. The
/// file's content depends only on what the API served and when.
struct DeadDropCache: Sendable {
    typealias IdentityKey = SignedPublicKey<SigningPublicKey<Role.CoverNodeIdentity>>

    private(set) var items: [DeadDropJSON] = []
    /// Identity keys that verified when they were served, sorted by key.
    private(set) var signingKeys: [IdentityKey] = []

    /// The file layout: the dead drops and the retained identity keys.
    private struct File: Codable {
        var deadDrops: [DeadDropJSON]
        var coverNodeIdentityKeys: [SignedPublicKeyJSON]?

        enum CodingKeys: String, CodingKey {
            case deadDrops = "dead_drops"
            case coverNodeIdentityKeys = "covernode_identity_keys"
        }
    }

    init() {}

    /// Loads the cached file; anything unreadable counts as an empty cache.
    init(json: [UInt8]?) {
        guard let file = json.flatMap({ try? JSONDecoder().decode(File.self, from: Data($0)) }) else { return }
        items = file.deadDrops
        signingKeys = (file.coverNodeIdentityKeys ?? []).compactMap { try? IdentityKey(json: $0) }
    }

    /// The highest cached id: the `ids_greater_than` of the next download (0 when empty).
    var maxId: Int32 { items.compactMap(\.id).max() ?? 0 }

    /// Adds the verified dead drops of `downloaded` (by id, once) and trims to `retention` before the newest.
    mutating func merge(_ downloaded: [DeadDropJSON], keys: VerifiedKeys, now: Timestamp, retention: Duration) {
        let candidates = identityKeys(keys)
        var byId: [Int32: (json: DeadDropJSON, createdAt: Timestamp)] = [:]
        for item in items {
            if let id = item.id, let createdAt = try? Timestamp(rfc3339: item.createdAt) {
                byId[id] = (item, createdAt)
            }
        }
        for item in downloaded where byId[item.id ?? 0] == nil {
            if let verified = VerifiedDeadDrop(item, identityKeys: candidates, now: now) {
                byId[verified.id] = (item, verified.deadDrop.createdAt)
            }
        }
        guard let newest = byId.values.map(\.createdAt).max() else {
            items = []
            signingKeys = []
            return
        }
        let cutoff = newest.adding(.zero - retention)
        items = byId.keys.sorted().compactMap { id in byId[id].flatMap { $0.createdAt >= cutoff ? $0.json : nil } }
        let oldest = items.compactMap { try? Timestamp(rfc3339: $0.createdAt) }.min() ?? newest
        signingKeys = candidates.filter { $0.isValid(at: oldest) }
    }

    /// The cached dead drops that verify against an identity key (from `keys` or retained) valid at their
    /// `created_at`, ascending by id.
    func verified(keys: VerifiedKeys, now: Timestamp) -> [VerifiedDeadDrop] {
        let candidates = identityKeys(keys)
        return items.compactMap { VerifiedDeadDrop($0, identityKeys: candidates, now: now) }
    }

    /// The retained keys and those verified now, once each, sorted by key.
    private func identityKeys(_ keys: VerifiedKeys) -> [IdentityKey] {
        var byKey: [String: IdentityKey] = [:]
        for key in signingKeys + keys.allCoverNodeIdentityKeys { byKey[key.key.hex] = key }
        return byKey.keys.sorted().compactMap { byKey[$0] }
    }

    /// The file's bytes (sorted keys: deterministic for the same content).
    var json: [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let file = File(deadDrops: items, coverNodeIdentityKeys: signingKeys.map(\.json))
        return (try? encoder.encode(file)).map { [UInt8]($0) } ?? []
    }
}
