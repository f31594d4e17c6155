import TiplineCore
import TiplineJournalist

/// Times as the desk shows them.
enum TimeText {
    /// `2026-05-03 14:02 UTC`.
    static func date(_ instant: Timestamp) -> String { JournalistText.date(instant) }

    /// `in 13 days 4 hours`, `in 5 hours 3 minutes`, `in 4 minutes`, or `expired`.
    static func countdown(to instant: Timestamp, now: Timestamp) -> String {
        let seconds = instant.duration(since: now).components.seconds
        guard seconds > 0 else { return "expired" }
        return "in " + span(seconds)
    }

    /// `just now`, `4 minutes ago`, `2 days 3 hours ago`.
    static func ago(_ instant: Timestamp, now: Timestamp) -> String {
        let seconds = now.duration(since: instant).components.seconds
        guard seconds >= 60 else { return "just now" }
        return span(seconds) + " ago"
    }

    /// `1 minute`, `5 minutes`: a duration in whole minutes, at least one.
    static func minutes(_ duration: Duration) -> String {
        let minutes = max(1, Int(duration.components.seconds / 60))
        return minutes == 1 ? "1 minute" : "\(minutes) minutes"
    }

    /// `1 second`, `30 seconds`: a duration in seconds rounded up, at least one.
    static func seconds(_ duration: Duration) -> String {
        let seconds = max(1, Int(duration.components.seconds) + (duration.components.attoseconds > 0 ? 1 : 0))
        return seconds == 1 ? "1 second" : "\(seconds) seconds"
    }

    /// The two largest units of a duration: `13 days 4 hours`, `5 hours 3 minutes`, `4 minutes`.
    private static func span(_ seconds: Int64) -> String {
        let days = seconds / 86_400
        let hours = seconds % 86_400 / 3600
        let minutes = seconds % 3600 / 60
        let parts: [(Int64, String)] =
            days > 0
            ? [(days, "day"), (hours, "hour")]
            : hours > 0 ? [(hours, "hour"), (minutes, "minute")] : [(max(minutes, 1), "minute")]
        return parts.filter { $0.0 > 0 }.map { "\($0.0) \($0.1)\($0.0 == 1 ? "" : "s")" }.joined(separator: " ")
    }
}
