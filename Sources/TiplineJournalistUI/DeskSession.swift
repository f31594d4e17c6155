import TiplineCore

/// The one browser session of an unlocked desk: a random identifier (the cookie), a random form token (CSRF),
/// the time of its last request and messages to show on the next page. Ending it is the desk's screen lock.
struct DeskSession: Sendable {
    /// 32 random bytes, hex: the session cookie's value.
    let id: String
    /// 32 random bytes, hex: the hidden `csrf` field of every form.
    let formToken: String
    /// The last request made with this session.
    var lastSeen: Timestamp
    /// Whether the session was ended by Lock or by inactivity.
    var ended = false
    /// Messages for the next page (a "flash").
    var alerts: [String] = []

    init(now: Timestamp) {
        id = Hex.encode(SecureRandom.bytes(32))
        formToken = Hex.encode(SecureRandom.bytes(32))
        lastSeen = now
    }
}

/// Comparisons of secrets from requests.
enum Secret {
    /// Constant-time equality of two tokens; an empty token never matches.
    static func matches(_ given: String?, _ expected: String) -> Bool {
        guard let given, !given.isEmpty, !expected.isEmpty else { return false }
        return Hashing.constantTimeEquals(Array(given.utf8), Array(expected.utf8))
    }
}
