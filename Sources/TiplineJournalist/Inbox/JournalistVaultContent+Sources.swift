import Foundation
import TiplineCore

extension JournalistVaultContent {
    /// Finds a source by number ("7", "#7", "source 7"), alias ("amber heron", "Amber-Heron") or reply-key prefix
    /// (at least 8 hex digits).
    func source(matching query: String) throws -> StoredSource {
        let trimmed = query.trimmingCharacters(in: .whitespaces).lowercased()
        let numeric = trimmed.replacingOccurrences(of: "source", with: "").replacingOccurrences(of: "#", with: "")
            .trimmingCharacters(in: .whitespaces)
        if let number = Int(numeric), let source = sources.first(where: { $0.number == number }) { return source }
        let normalized = trimmed.replacingOccurrences(of: "-", with: " ").replacingOccurrences(of: "_", with: " ")
        if let source = sources.first(where: { $0.alias.lowercased() == normalized }) { return source }
        if trimmed.count >= 8, trimmed.allSatisfy(\.isHexDigit) {
            let matches = sources.filter { $0.replyKey.hasPrefix(trimmed) }
            if matches.count == 1 { return matches[0] }
            if matches.count > 1 {
                throw JournalistError(.unknownSource, "several sources start with that key prefix; give more digits")
            }
        }
        throw JournalistError(.unknownSource, "no source matches \"\(query)\"; `tipline journalist inbox` lists them")
    }

    /// The source with `replyKey`, created with a fresh alias if new. Returns whether it was new.
    mutating func ensureSource(replyKey: String, now: Timestamp) -> Bool {
        guard !sources.contains(where: { $0.replyKey == replyKey }) else { return false }
        let number = nextSourceNumber
        nextSourceNumber += 1
        let alias = SourceAlias.make(number: number, avoiding: Set(sources.map(\.alias)))
        sources.append(StoredSource(replyKey: replyKey, number: number, alias: alias, firstSeenAt: now.microseconds))
        return true
    }

    /// Appends a message and returns its number. Outgoing messages start as read and unsent.
    @discardableResult
    mutating func appendMessage(
        replyKey: String, direction: StoredMessage.Direction, at: Timestamp, text: String?,
        handoverTo: String? = nil, deadDropId: Int32? = nil
    ) -> Int64 {
        let number = nextMessageNumber
        nextMessageNumber += 1
        messages.append(
            StoredMessage(
                number: number, replyKey: replyKey, direction: direction, text: text, handoverTo: handoverTo,
                at: at.microseconds, read: direction == .outgoing, deadDropId: deadDropId, sentAt: nil))
        return number
    }

    /// The inbox view of `source`.
    func summary(of source: StoredSource) -> SourceSummary {
        let own = messages.filter { $0.replyKey == source.replyKey }
        let queued = Set(outbox.map(\.messageNumber))
        return SourceSummary(
            number: source.number, alias: source.alias, keyPrefix: String(source.replyKey.prefix(8)),
            unreadCount: own.count { $0.direction == .incoming && !$0.read },
            messageCount: own.count, queuedCount: own.count { queued.contains($0.number) },
            lastActivity: Timestamp(microseconds: own.map(\.at).max() ?? source.firstSeenAt), isMuted: source.muted)
    }

    /// The conversation view of `source`.
    func conversation(with source: StoredSource) -> SourceConversation {
        var positions: [Int64: Int] = [:]
        for (index, queued) in outbox.enumerated() { positions[queued.messageNumber] = index + 1 }
        let messages = messages.filter { $0.replyKey == source.replyKey }
            .sorted { ($0.at, $0.number) < ($1.at, $1.number) }
            .map { message in
                SourceConversation.Message(
                    number: message.number, direction: message.direction == .incoming ? .incoming : .outgoing,
                    text: message.text, handoverTo: message.handoverTo, date: Timestamp(microseconds: message.at),
                    isRead: message.read, delivery: Self.delivery(of: message, queuePosition: positions[message.number])
                )
            }
        return SourceConversation(source: summary(of: source), messages: messages)
    }

    private static func delivery(of message: StoredMessage, queuePosition: Int?) -> SourceConversation.Message.Delivery?
    {
        guard message.direction == .outgoing else { return nil }
        if let sentAt = message.sentAt { return .sent(Timestamp(microseconds: sentAt)) }
        return .queued(position: queuePosition ?? 0)
    }
}
