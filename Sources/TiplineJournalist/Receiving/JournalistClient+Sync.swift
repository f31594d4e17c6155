import TiplineAPIClient
import TiplineCore

extension JournalistClient {
    /// Receives: completes the setup if needed, then pages through the journalist dead drops after the cursor.
    ///
    /// A dead drop is read when its epoch is covered by the published keys (`spec/PROTOCOL.md` §4.6) and a CoverNode
    /// identity key valid when it was made signed it (keys that expired since are kept for
    /// ``JournalistConfiguration/expiredKeyRetention``). The first dead drop that fails either check, even after
    /// fetching the keys again, stops the round: the cursor stays before it, so nothing after it is skipped either,
    /// and a later sync tries again. Each dead drop is trial-decrypted with the CoverNode messaging keys and the
    /// journalist's own messaging keys valid when it was made, and the messages are stored together with the new
    /// cursor in one atomic save: the cursor never moves past a message that is not safely in the vault.
    package func sync() async throws -> SyncReport {
        try await completeSetup()
        var report = SyncReport()
        var keys = try await verifiedKeys()
        var refreshed = false
        while true {
            let cursor = try await vault.read { $0.deadDropCursor ?? 0 }
            report.cursor = cursor
            let fetched = try await api.deadDrops(
                .journalist, idsGreaterThan: cursor, limit: configuration.deadDropPageLimit
            )
            .filter { $0.id > cursor }.sorted { $0.id < $1.id }
            guard !fetched.isEmpty else { break }
            var readable = fetched.prefix { Self.isReadable($0.deadDrop, with: keys) }.count
            if readable < fetched.count, !refreshed {
                // The published keys may have moved on since they were cached (a new epoch, a new signer).
                keys = try await verifiedKeys(forceRefresh: true)
                refreshed = true
                readable = fetched.prefix { Self.isReadable($0.deadDrop, with: keys) }.count
            }
            if readable < fetched.count {
                if (fetched[readable].deadDrop.epoch ?? 0) > keys.maxEpoch {
                    report.waitingForKeys = true
                } else {
                    report.rejectedDeadDrops += 1
                }
            }
            let page = Array(fetched.prefix(readable))
            guard let newCursor = page.last?.id else { break }
            let received = try await open(page, with: keys)
            report.deadDrops += page.count
            let stored = try await store(received, cursor: cursor, newCursor: newCursor, now: clock.now())
            report.newMessages += stored.messages
            report.newSources += stored.sources
            report.undecodableMessages += stored.undecodable
            report.cursor = newCursor
            if readable < fetched.count { break }
        }
        await activity.recordSync(at: clock.now())
        return report
    }

    private static func isReadable(_ deadDrop: DeadDrop, with keys: VerifiedKeys) -> Bool {
        (deadDrop.epoch ?? 0) <= keys.maxEpoch && deadDrop.isSigned(by: keys)
    }

    /// Trial-decrypts each dead drop with the CoverNode messaging keys and the own messaging keys valid when it was
    /// made.
    private func open(
        _ page: [(id: Int32, deadDrop: DeadDrop)], with keys: VerifiedKeys
    ) async throws -> [(deadDropId: Int32, message: UserToJournalistMessage)] {
        let ownKeys = try await vault.read { contents in
            page.map { contents.messagingKeys(at: $0.deadDrop.createdAt).map(\.pair) }
        }
        var decryptors = TrialDecryptors()
        var received: [(deadDropId: Int32, message: UserToJournalistMessage)] = []
        for ((id, deadDrop), own) in zip(page, ownKeys) {
            let decryptor = try decryptors.decryptor(
                coverNodeKeys: keys.coverNodeMessagingKeys(validAt: deadDrop.createdAt).map(\.key), ownKeys: own)
            received += decryptor.open(deadDrop).map { (id, $0) }
        }
        return received
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
