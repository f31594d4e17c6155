public import TiplineCore

/// A source as the inbox shows it.
public struct SourceSummary: Sendable, Hashable, Identifiable {
    /// A short number, stable for the life of the vault ("7").
    public let number: Int
    /// A random two-word name ("Amber Heron").
    public let alias: String
    /// The first 8 hex digits of the source's reply key (to tell sources apart in support conversations).
    public let keyPrefix: String
    /// Incoming messages not yet read.
    public let unreadCount: Int
    /// Messages in and out.
    public let messageCount: Int
    /// Replies waiting to be sent.
    public let queuedCount: Int
    /// The newest message's time (or when the source was first seen).
    public let lastActivity: Timestamp
    /// Whether the journalist muted this source.
    public let isMuted: Bool

    public var id: Int { number }
}

/// One message of a conversation.
public struct ConversationMessage: Sendable, Hashable, Identifiable {
    /// Who wrote it.
    public enum Direction: Sendable, Hashable {
        /// From the source.
        case incoming
        /// From the journalist.
        case outgoing
    }

    /// Delivery state of a reply.
    public enum Delivery: Sendable, Hashable {
        /// In the outbound queue.
        case queued(position: Int)
        /// Posted to the API in a J2C at this time.
        case sent(Timestamp)
    }

    /// A number unique within the vault.
    public let number: Int64
    /// Who wrote it.
    public let direction: Direction
    /// The text, or `nil` for a message that could not be decoded.
    public let text: String?
    /// For a handover: the journalist or desk the source was sent to.
    public let handoverTo: String?
    /// When it was received (incoming) or written (outgoing).
    public let date: Timestamp
    /// Whether an incoming message has been read.
    public let isRead: Bool
    /// For outgoing messages.
    public let delivery: Delivery?

    public var id: Int64 { number }
}

/// A source and its messages, oldest first.
public struct Conversation: Sendable, Hashable {
    /// The source.
    public let source: SourceSummary
    /// The messages, oldest first.
    public let messages: [ConversationMessage]
}
