/// How long each kind of key is valid and when it should be rotated (`spec/PROTOCOL.md` §4.1).
public enum KeyLifetimes {
    private static let week: Duration = .seconds(7 * 86_400)
    /// Organisation, provisioning, admin and backup keys: 52 weeks.
    public static let longTerm: Duration = week * 52
    /// CoverNode identity keys: 4 weeks.
    public static let coverNodeIdentity: Duration = week * 4
    /// Journalist identity keys: 8 weeks.
    public static let journalistIdentity: Duration = week * 8
    /// Messaging keys of CoverNodes and journalists: 2 weeks.
    public static let messaging: Duration = week * 2
    /// A CoverNode makes a new messaging key after a week.
    public static let coverNodeMessagingRotation: Duration = week
    /// A journalist makes a new messaging key after a day.
    public static let journalistMessagingRotation: Duration = .seconds(86_400)

    /// A child key's expiry: `min(now + validity, parent expiry)`.
    public static func childExpiry(now: Timestamp, validity: Duration, parentNotValidAfter: Timestamp) -> Timestamp {
        min(now.adding(validity), parentNotValidAfter)
    }
}
