import TiplineAPIClient
import TiplineCore

extension JournalistClient {
    /// Receives: completes the setup if needed, then pages through the journalist dead drops after the cursor.
    /// Each page is gated by epoch (`spec/PROTOCOL.md` §4.6: a dead drop newer than the published keys, even after
    /// fetching them again, stops the round before it, and the cursor stays there), checked (signature by a
    /// CoverNode identity key of the verified hierarchy; bad ones are skipped and counted), trial-decrypted, and
    /// stored together with the new cursor in one atomic save: the cursor never moves past a message that is not
    /// safely in the vault.
    public func sync() async throws -> SyncReport {
        try await completeSetup()
        var report = SyncReport()
        var keys = try await verifiedKeys()
        while true {
            let cursor = try await vault.read { $0.deadDropCursor ?? 0 }
            report.cursor = cursor
            let fetched = try await api.deadDrops(
                .journalist, idsGreaterThan: cursor, limit: configuration.deadDropPageLimit
            )
            .filter { $0.id > cursor }.sorted { $0.id < $1.id }
            guard !fetched.isEmpty else { break }
            let pageEpoch = fetched.compactMap(\.deadDrop.epoch).max() ?? 0
            if keys.maxEpoch < pageEpoch { keys = try await verifiedKeys(forceRefresh: true) }
            // Dead drops newer than the published keys wait; the older ones before them are read now.
            let page = Array(fetched.prefix { ($0.deadDrop.epoch ?? 0) <= keys.maxEpoch })
            report.waitingForKeys = page.count < fetched.count
            guard let newCursor = page.last?.id else { break }
            let now = clock.now()
            let ownKeys = try await vault.read { $0.messagingKeys(at: now).map(\.pair) }
            let decryptor = try TrialDecryptor(
                coverNodeKeys: keys.allCoverNodeMessagingKeys.map(\.key), ownKeys: ownKeys)
            var received: [(deadDropId: Int32, message: UserToJournalistMessage)] = []
            for (id, deadDrop) in page {
                guard deadDrop.isSigned(byAnyOf: keys.allCoverNodeIdentityKeys, at: now) else {
                    report.rejectedDeadDrops += 1
                    continue
                }
                report.deadDrops += 1
                received += decryptor.open(deadDrop).map { (id, $0) }
            }
            let stored = try await store(received, cursor: cursor, newCursor: newCursor, now: now)
            report.newMessages += stored.messages
            report.newSources += stored.sources
            report.undecodableMessages += stored.undecodable
            report.cursor = newCursor
            if report.waitingForKeys { break }
        }
        await activity.recordSync(at: clock.now())
        return report
    }

    /// Stores received messages and moves the cursor, unless another sync moved it meanwhile.
    private func store(
        _ received: [(deadDropId: Int32, message: UserToJournalistMessage)], cursor: Int32, newCursor: Int32,
        now: Timestamp
    ) async throws -> (messages: Int, sources: Int, undecodable: Int) {
        try await vault.update { contents in
            guard (contents.deadDropCursor ?? 0) == cursor else { return (0, 0, 0) }
            var sources = 0
            var undecodable = 0
            for (deadDropId, message) in received {
                let replyKey = message.replyKey.hex
                if contents.ensureSource(replyKey: replyKey, now: now) { sources += 1 }
                let text = try? message.text.text()
                if text == nil { undecodable += 1 }
                contents.appendMessage(
                    replyKey: replyKey, direction: .incoming, at: now, text: text, deadDropId: deadDropId)
            }
            contents.deadDropCursor = newCursor
            return (received.count, sources, undecodable)
        }
    }
}
