public import TiplineCore

/// The messages exchanged with one journalist or desk, as a reader-app UI shows them.
public struct Conversation: Hashable, Sendable {
    /// The journalist or desk.
    public let journalistId: String
    /// Their published name, when their profile is still published.
    public let displayName: String?
    /// Oldest first. Handovers are not shown.
    public let messages: [ConversationMessage]

    /// The newest reply, which decides which conversation is the active one.
    public var lastReceived: Timestamp? { messages.filter { $0.direction == .received }.map(\.date).max() }
}

/// One message of a ``Conversation``.
public struct ConversationMessage: Hashable, Sendable {
    /// Who wrote it.
    public enum Direction: Hashable, Sendable {
        /// The reader.
        case sent
        /// The journalist.
        case received
    }

    /// Who wrote it.
    public let direction: Direction
    /// The text.
    public let text: String
    /// When it was queued (sent) or published (received).
    public let date: Timestamp
    /// For sent messages: still in the sending queue ("Pending") rather than sent.
    public let isPending: Bool
    /// How close it is to being removed from the vault.
    public let expiry: ExpiryState
}

/// How long a message has left before the vault drops it (14 days after its date).
public enum ExpiryState: Hashable, Sendable {
    /// More than 48 hours left.
    case fresh
    /// 48 hours or less left.
    case expiringSoon(remaining: Duration)
    /// Past 14 days; removed at the next lock or checkpoint.
    case expired

    /// The state of a message dated `date` at `now`.
    package init(date: Timestamp, now: Timestamp) {
        let remaining = date.adding(ClientConfiguration.retention).duration(since: now)
        if remaining <= .zero {
            self = .expired
        } else if remaining <= ClientConfiguration.expiryWarning {
            self = .expiringSoon(remaining: remaining)
        } else {
            self = .fresh
        }
    }
}
