/// An instant in UTC with nanosecond precision, as CoverDrop's Rust code keeps it.
///
/// A `Double`-based `Date` cannot round-trip nanoseconds, which would break signatures over timestamps
/// made by other implementations, so the protocol keeps whole seconds and nanoseconds apart.
public struct Timestamp: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Whole seconds since the Unix epoch (floor).
    public let seconds: Int64
    /// Nanoseconds within the second, `0..<1_000_000_000`.
    public let nanoseconds: UInt32

    /// Creates an instant; nanoseconds outside a second are carried into `seconds`.
    public init(seconds: Int64, nanoseconds: UInt32 = 0) {
        self.seconds = seconds + Int64(nanoseconds / 1_000_000_000)
        self.nanoseconds = nanoseconds % 1_000_000_000
    }

    /// Creates an instant from microseconds since the epoch (how databases store it).
    public init(microseconds: Int64) {
        let (q, r) = microseconds.quotientAndRemainder(dividingBy: 1_000_000)
        self =
            r >= 0
            ? Timestamp(seconds: q, nanoseconds: UInt32(r) * 1000)
            : Timestamp(seconds: q - 1, nanoseconds: UInt32(r + 1_000_000) * 1000)
    }

    /// Microseconds since the epoch, truncating sub-microsecond digits.
    public var microseconds: Int64 { seconds * 1_000_000 + Int64(nanoseconds / 1000) }

    /// Adds a duration.
    public func adding(_ duration: Duration) -> Timestamp {
        let (secs, attos) = duration.components
        var nanos = Int64(nanoseconds) + attos / 1_000_000_000
        var whole = seconds + secs
        if nanos < 0 {
            nanos += 1_000_000_000
            whole -= 1
        }
        return Timestamp(seconds: whole, nanoseconds: UInt32(nanos))
    }

    /// The duration from `other` to `self` (negative when `other` is later).
    public func duration(since other: Timestamp) -> Duration {
        .seconds(seconds - other.seconds) + .nanoseconds(Int64(nanoseconds) - Int64(other.nanoseconds))
    }

    /// Whether `lhs` is earlier than `rhs`.
    public static func < (lhs: Timestamp, rhs: Timestamp) -> Bool {
        (lhs.seconds, lhs.nanoseconds) < (rhs.seconds, rhs.nanoseconds)
    }

    /// The instant in RFC 3339 (``rfc3339``).
    public var description: String { rfc3339 }
}
