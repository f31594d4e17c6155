public import TiplineCore

/// A source and its messages, oldest first: what the inbox shows when the journalist opens one source.
public struct SourceConversation: Sendable, Hashable {
    /// One message of a conversation.
    public struct Message: Sendable, Hashable, Identifiable {
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

    /// The source.
    public let source: SourceSummary
    /// The messages, oldest first.
    public let messages: [Message]
}
