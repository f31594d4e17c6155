import TiplineCore
import TiplineJournalist

/// The conversation screen's content.
struct ConversationContent {
    /// One message, in or out.
    struct Message {
        let incoming: Bool
        /// The text (shown escaped, whitespace kept).
        let text: String
        /// Whether the text is the desk's own note (an undecodable message, a handover) rather than a message.
        let isNote: Bool
        let isNew: Bool
        let datetime: String
        let date: String
        /// `queued` or `sent` for outgoing messages.
        let delivery: String?
        /// When a sent reply left.
        let sentDatetime: String?
        let sentDate: String?
    }

    /// A journalist or desk a source can be handed over to.
    struct Target {
        let id: String
        let name: String
    }

    let id: Int
    let alias: String
    let keyPrefix: String
    let muted: Bool
    let messages: [Message]
    let hasMessages: Bool
    let draft: String
    let remaining: String
    let targets: [Target]
    let hasTargets: Bool

    init(_ conversation: SourceConversation, draft: String, targets: [JournalistProfile]) {
        let source = conversation.source
        id = source.number
        alias = source.alias
        keyPrefix = source.keyPrefix
        muted = source.isMuted
        messages = conversation.messages.map(Self.message)
        hasMessages = !messages.isEmpty
        self.draft = draft
        remaining = ReplyDraft.label(draft)
        self.targets = targets.map { Target(id: $0.id, name: $0.displayName + ($0.isDesk ? " (desk)" : "")) }
        hasTargets = !targets.isEmpty
    }

    private static func message(_ message: SourceConversation.Message) -> Message {
        let text: String
        let isNote: Bool
        switch (message.direction, message.handoverTo, message.text) {
        case (.outgoing, let target?, _):
            (text, isNote) = ("You handed this source over to \(target).", true)
        case (_, _, let body?):
            (text, isNote) = (body, false)
        case (_, _, nil):
            (text, isNote) = ("(This message could not be decoded.)", true)
        }
        var delivery: String?
        var sentAt: Timestamp?
        switch message.delivery {
        case .queued?: delivery = "queued"
        case .sent(let at)?: (delivery, sentAt) = ("sent", at)
        case nil: break
        }
        return Message(
            incoming: message.direction == .incoming, text: text, isNote: isNote,
            isNew: message.direction == .incoming && !message.isRead, datetime: message.date.rfc3339,
            date: TimeText.date(message.date), delivery: delivery, sentDatetime: sentAt?.rfc3339,
            sentDate: sentAt.map(TimeText.date))
    }
}
