import Foundation
import TiplineCore

/// The user dead drops of the last 14 days, as the API served them (`created_at`, `data` and `signature` strings kept
/// verbatim, so signatures stay verifiable), persisted as `dead-drops.json`.
///
/// Only dead drops that verified when they arrived are kept; the window is measured from the newest cached dead
/// drop, not from the device clock (`spec/CLIENT.md` §4.4). Its content depends only on what the API served and when.
struct DeadDropCache: Sendable {
    private(set) var items: [DeadDropJSON] = []

    init() {}

    /// Loads the cached file; anything unreadable counts as an empty cache.
    init(json: [UInt8]?) {
        items = json.flatMap { try? JSONDecoder().decode(DeadDropListJSON.self, from: Data($0)).deadDrops } ?? []
    }

    /// The highest cached id: the `ids_greater_than` of the next download (0 when empty).
    var maxId: Int32 { items.compactMap(\.id).max() ?? 0 }

    /// Adds the verified dead drops of `downloaded` (by id, once) and trims to `retention` before the newest.
    mutating func merge(_ downloaded: [DeadDropJSON], keys: VerifiedKeys, now: Timestamp, retention: Duration) {
        var byId: [Int32: (json: DeadDropJSON, createdAt: Timestamp)] = [:]
        for item in items {
            if let id = item.id, let createdAt = try? Timestamp(rfc3339: item.createdAt) {
                byId[id] = (item, createdAt)
            }
        }
        for item in downloaded where byId[item.id ?? 0] == nil {
            if let verified = VerifiedDeadDrop(item, keys: keys, now: now) {
                byId[verified.id] = (item, verified.deadDrop.createdAt)
            }
        }
        guard let newest = byId.values.map(\.createdAt).max() else {
            items = []
            return
        }
        let cutoff = newest.adding(.zero - retention)
        items = byId.keys.sorted().compactMap { id in byId[id].flatMap { $0.createdAt >= cutoff ? $0.json : nil } }
    }

    /// The cached dead drops that still verify against `keys` at `now`, ascending by id.
    func verified(keys: VerifiedKeys, now: Timestamp) -> [VerifiedDeadDrop] {
        items.compactMap { VerifiedDeadDrop($0, keys: keys, now: now) }
    }

    /// The file's bytes (sorted keys: deterministic for the same content).
    var json: [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return (try? encoder.encode(DeadDropListJSON(deadDrops: items))).map { [UInt8]($0) } ?? []
    }
}
