import Foundation
import TiplineCore

/// When public data was last refreshed and when the sending job last ran, persisted as `schedule.json`.
///
/// These are the equivalent of CoverDrop's `UserDefaults` keys. They depend only on when the app ran and what the
/// network answered, never on whether the reader is a source: the same app lifecycle gives the same file.
struct ScheduleState: Codable, Hashable, Sendable {
    var statusFetchedAt: String?
    var publicKeysFetchedAt: String?
    var deadDropsFetchedAt: String?
    var lastSendRun: String?

    enum CodingKeys: String, CodingKey {
        case statusFetchedAt = "status_fetched_at"
        case publicKeysFetchedAt = "public_keys_fetched_at"
        case deadDropsFetchedAt = "dead_drops_fetched_at"
        case lastSendRun = "last_send_run"
    }

    /// Whether something stamped at `stamp` is older than `maxAge` at `now`; a stamp in the future (the clock went
    /// backwards) or a missing one counts as stale.
    static func isStale(_ stamp: String?, maxAge: Duration, now: Timestamp) -> Bool {
        guard let stamp, let time = try? Timestamp(rfc3339: stamp), time <= now else { return true }
        return now.duration(since: time) >= maxAge
    }

    init() {}

    init(json: [UInt8]?) {
        self = json.flatMap { try? JSONDecoder().decode(ScheduleState.self, from: Data($0)) } ?? ScheduleState()
    }

    var json: [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return (try? encoder.encode(self)).map { [UInt8]($0) } ?? [UInt8]("{}".utf8)
    }
}
