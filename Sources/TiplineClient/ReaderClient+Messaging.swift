import TiplineCore

extension ReaderClient {
    /// How much of a message `text` would use.
    public nonisolated func checkLength(_ text: String) -> MessageLength {
        MessageLength(
            compressedBytes: (try? PaddedCompressedString.compressedLength(of: text)) ?? Int.max / 200,
            limit: PaddedCompressedString.maxCompressedLength)
    }

    /// Queues a message for a journalist or desk. Nothing touches the network: the message leaves in the place of a
    /// cover message at a later sending run, so traffic does not change.
    ///
    /// Every limit is checked before anything is queued.
    /// - Throws: ``ClientError`` with `.locked`, `.messageTooLong` (empty, or too long once compressed),
    ///   `.unknownRecipient` (no verified key), `.keysUnavailable` (no CoverNode key) or `.queueFull`.
    public func send(_ text: String, to journalistId: String) throws {
        let now = clock.now()
        guard let secret = session?.content.queueSecret, let replyKey = session?.content.userPublicKey,
            var pending = queue
        else { throw ClientError(.locked, "open the vault before writing") }
        guard !text.isEmpty else { throw ClientError(.messageTooLong, "the message is empty") }
        let padded: PaddedCompressedString
        do {
            padded = try PaddedCompressedString(text: text)
        } catch let error as TiplineCoreError {
            throw ClientError(.messageTooLong, error.message)
        }
        let keys = verifiedKeys(now: now)
        guard let tag = try? RecipientTag(journalistId: journalistId),
            let journalistKey = keys.latestMessagingKey(forJournalist: journalistId)
        else { throw ClientError(.unknownRecipient, "this recipient has no verified key") }
        let coverNodeKeys = keys.latestCoverNodeMessagingKeys
        guard !coverNodeKeys.isEmpty else {
            throw ClientError(.keysUnavailable, "no verified CoverNode key is available")
        }
        guard pending.fillLevel(secret: secret) < PrivateSendingQueue.capacity else {
            throw ClientError(.queueFull, "the sending queue is full; try again after the next sending run")
        }
        let sealed = try UserToJournalistMessage(replyKey: replyKey, text: padded).seal(to: journalistKey)
        let message = try UserToCoverNodeMessage.real(tag: tag, sealedMessage: sealed).seal(to: coverNodeKeys)
        let hint = try pending.enqueue(message, secret: secret)
        queue = pending
        session?.content.messages.append(
            MailboxMessage(journalistId: journalistId, date: now, kind: .sent(text: text, hint: hint)))
    }

    /// Number of the reader's messages still waiting in the sending queue.
    /// - Throws: ``ClientError`` with `.locked`.
    public func pendingMessageCount() throws -> Int {
        guard let secret = session?.content.queueSecret, let queue else {
            throw ClientError(.locked, "open the vault first")
        }
        return queue.fillLevel(secret: secret)
    }

    /// The mailbox by journalist, the active conversation (newest reply) first.
    /// - Throws: ``ClientError`` with `.locked`.
    public func conversations() throws -> [Conversation] {
        guard let content = session?.content else { throw ClientError(.locked, "open the vault first") }
        let now = clock.now()
        let profiles = Dictionary(
            (publicKeys?.journalistProfiles ?? []).map { ($0.id, $0.displayName) },
            uniquingKeysWith: { first, _ in first })
        let grouped = Dictionary(grouping: content.messages, by: \.journalistId)
        let conversations = grouped.map { id, messages in
            Conversation(
                journalistId: id, displayName: profiles[id],
                messages: messages.sorted { $0.date < $1.date }.compactMap { message in
                    switch message.kind {
                    case .sent(let text, let hint):
                        ConversationMessage(
                            direction: .sent, text: text, date: message.date,
                            isPending: queue?.contains(hint: hint) ?? false,
                            expiry: ExpiryState(date: message.date, now: now))
                    case .received(let text, _):
                        ConversationMessage(
                            direction: .received, text: text, date: message.date, isPending: false,
                            expiry: ExpiryState(date: message.date, now: now))
                    case .handover:
                        nil
                    }
                })
        }
        return conversations.sorted {
            ($0.lastReceived ?? Timestamp(seconds: .min), $0.journalistId) > (
                $1.lastReceived ?? Timestamp(seconds: .min), $1.journalistId
            )
        }
    }
}
