package import TiplineCore

/// A source and its messages, oldest first: what the inbox shows when the journalist opens one source.
package struct SourceConversation: Sendable, Hashable {
    /// One message of a conversation.
    package struct Message: Sendable, Hashable, Identifiable {
        /// Who wrote it.
        package enum Direction: Sendable, Hashable {
            /// From the source.
            case incoming
            /// From the journalist.
            case outgoing
        }

        /// Delivery state of a reply.
        package enum Delivery: Sendable, Hashable {
            /// In the outbound queue.
            case queued(position: Int)
            /// Posted to the API in a J2C at this time.
            case sent(Timestamp)
        }

        /// A number unique within the vault.
        package let number: Int64
        /// Who wrote it.
        package let direction: Direction
        /// The text, or `nil` for a message that could not be decoded.
        package let text: String?
        /// For a handover: the journalist or desk the source was sent to.
        package let handoverTo: String?
        /// When it was received (incoming) or written (outgoing).
        package let date: Timestamp
        /// Whether an incoming message has been read.
        package let isRead: Bool
        /// For outgoing messages.
        package let delivery: Delivery?

        package var id: Int64 { number }
    }

    /// The source.
    package let source: SourceSummary
    /// The messages, oldest first.
    package let messages: [Message]
}
