import TiplineCore

extension JournalistClient {
    /// Every source, the most recently active first.
    package func inbox() async throws -> [SourceSummary] {
        try await vault.read { contents in
            contents.sources.map(contents.summary(of:)).sorted {
                ($0.lastActivity, $0.number) > ($1.lastActivity, $1.number)
            }
        }
    }

    /// The conversation with a source (see ``inbox()`` for the names and numbers that can be given), as it was
    /// before this call: messages that were unread are returned unread.
    /// - Parameter markRead: marks the source's incoming messages as read (and saves the vault). On a full disk they
    ///   stay unread, to be marked at a later opening: reading never fails for want of space.
    package func conversation(with query: String, markRead: Bool = true) async throws -> SourceConversation {
        let source = try await vault.read { try $0.source(matching: query) }
        let conversation = try await vault.read { $0.conversation(with: source) }
        guard markRead, conversation.source.unreadCount > 0 else { return conversation }
        do {
            try await vault.update { contents in
                for index in contents.messages.indices where contents.messages[index].replyKey == source.replyKey {
                    contents.messages[index].read = true
                }
            }
        } catch let error as JournalistError where error.code == .diskFull {
            // Left unread, to be marked at a later opening.
        }
        return conversation
    }

    /// Mutes or unmutes a source: a muted source's messages are still received and kept, but not counted as
    /// unread by ``status()`` (for sources who write too often or abusively).
    @discardableResult
    package func setMuted(_ muted: Bool, source query: String) async throws -> SourceSummary {
        try await vault.update { contents in
            let source = try contents.source(matching: query)
            guard let index = contents.sources.firstIndex(where: { $0.replyKey == source.replyKey }) else {
                throw JournalistError(.unknownSource, "no source matches \"\(query)\"")
            }
            contents.sources[index].muted = muted
            return contents.summary(of: contents.sources[index])
        }
    }

    /// The state of the vault and its keys, for status screens.
    package func status() async throws -> JournalistStatus {
        let now = clock.now()
        let lastSyncAt = await activity.lastSyncAt
        return try await vault.read { contents in
            let muted = Set(contents.sources.filter(\.muted).map(\.replyKey))
            return JournalistStatus(
                journalistId: contents.journalistId,
                isSetUp: contents.pendingSetup == nil && contents.deadDropCursor != nil,
                identityKeyExpiry: contents.identityKeys(at: now).first?.certificate.notValidAfter,
                messagingKeyExpiry: contents.messagingKeys(at: now).first(where: \.isPublished)?.certificate
                    .notValidAfter,
                identityRotationPending: contents.candidateIdentityKey != nil,
                sourceCount: contents.sources.count,
                unreadCount: contents.messages.count {
                    $0.direction == .incoming && !$0.read && !muted.contains($0.replyKey)
                },
                queuedReplies: contents.outbox.count,
                deadDropCursor: contents.deadDropCursor,
                lastSyncAt: lastSyncAt,
                lastSentAt: contents.lastSentAt.map(Timestamp.init(microseconds:)))
        }
    }
}
