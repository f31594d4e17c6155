import TiplineCore

extension ReaderClient {
    /// Whether a session is open.
    public var isUnlocked: Bool { session != nil }

    /// A new passphrase of the configured length, drawn uniformly from the EFF list with the CSPRNG. Show it to the
    /// reader once, ask them to type it back, then call ``createSession(with:)``.
    public nonisolated func generatePassphrase() -> Passphrase {
        Passphrase.generate(wordCount: configuration.passphraseWordCount, from: wordList)
    }

    /// Normalises what the reader typed, before any key derivation (see ``Passphrase/init(typed:wordCount:wordList:)``).
    public nonisolated func passphrase(typed input: String) throws -> Passphrase {
        try Passphrase(typed: input, wordCount: configuration.passphraseWordCount, wordList: wordList)
    }

    /// Starts a new session: a new vault under `passphrase` with a fresh salt, a new reply key and queue secret. Any
    /// earlier vault content is replaced for good and the sending queue is refilled with cover (discarding messages
    /// of an earlier session still waiting). The session is open afterwards; the vault file changes at the next
    /// checkpoint.
    /// - Throws: ``ClientError`` with `.notStarted` before ``start()`` succeeded, `.invalidPassphrase` for a wrong
    ///   word count.
    public func createSession(with passphrase: Passphrase) async throws {
        let now = clock.now()
        guard started else { throw ClientError(.notStarted, "the client has not started yet") }
        guard passphrase.words.count == configuration.passphraseWordCount else {
            throw ClientError(.invalidPassphrase, "the passphrase has \(configuration.passphraseWordCount) words")
        }
        let fresh = try VaultSession.create(passphrase, kdf: configuration.vaultKDF)
        let refilled = try PrivateSendingQueue(cover: coverFactory(now: now))
        replaceSession(with: fresh)
        queue = refilled
        sealedVault = try fresh.seal(expiredBefore: expiryCutoff(now))
    }

    /// Opens the vault with what the reader typed (normalised first) and looks for replies in the cached dead drops.
    /// - Throws: ``ClientError`` with `.invalidPassphrase` (format, checked before the KDF) or `.passphraseRejected`
    ///   — the same error, after the same key derivation, whether the passphrase is wrong or this app was never used.
    public func unlock(_ typed: String) async throws {
        try await unlock(passphrase(typed: typed))
    }

    /// Opens the vault with a normalised passphrase; see ``unlock(_:)-(String)``.
    public func unlock(_ passphrase: Passphrase) async throws {
        guard let sealedVault else { throw ClientError(.notStarted, "the client has not started yet") }
        replaceSession(with: try VaultSession.open(sealedVault, passphrase: passphrase, kdf: configuration.vaultKDF))
        await receiveReplies()
    }

    /// Ends the session: the content is re-encrypted in memory (leaving out messages older than 14 days) for the next
    /// checkpoint to write; the derived key, the reply secret key and the queue secret are overwritten and the mailbox
    /// is dropped. When locked nothing changes, after the same encryption (of a decoy): an automatic lock at a
    /// foreground costs every installation alike.
    public func lock() {
        if let resealed = try? resealVault(now: clock.now()) { sealedVault = resealed }
        replaceSession(with: nil)
    }

    /// Replaces the vault with a new one under a random, forgotten passphrase and refills the sending queue with
    /// cover: afterwards the installation is indistinguishable from one never used. Locks.
    public func deleteVault() async throws {
        let now = clock.now()
        guard started else { throw ClientError(.notStarted, "the client has not started yet") }
        let refilled = try PrivateSendingQueue(cover: coverFactory(now: now))
        sealedVault = try randomVault(now: now)
        queue = refilled
        replaceSession(with: nil)
    }

    private func replaceSession(with new: VaultSession?) {
        session?.wipe()
        session = new
    }

    /// Trial-decrypts the cached dead drops for every journalist in the mailbox, then for journalists that handovers
    /// introduced, until no new candidate appears; adds what is new (by dead-drop position) to the mailbox.
    func receiveReplies() async {
        let now = clock.now()
        guard let content = session?.content else { return }
        let keys = verifiedKeys(now: now)
        guard let userKey = try? content.userKey() else { return }
        let drops = deadDrops.verified(keys: keys, now: now)
        var tried = Set<String>()
        var candidates = Set(
            content.messages.flatMap { message -> [String] in
                if case .handover(let target, _) = message.kind { return [message.journalistId, target] }
                return [message.journalistId]
            })
        var replies: [ReplyDecryptor.Reply] = []
        var fresh = candidates
        while !fresh.isEmpty {
            tried.formUnion(fresh)
            let journalistKeys = Dictionary(
                uniqueKeysWithValues: fresh.map { id in
                    (id, keys.messagingKeys(forJournalist: id).map(\.key))
                })
            // A key no agreement can be made with (small order) is skipped inside; the other keys still count.
            let decryptor = ReplyDecryptor(userKey: userKey, journalistKeys: journalistKeys)
            for reply in await decryptor.decrypt(drops) {
                replies.append(reply)
                if case .handover(let target) = reply.message { candidates.insert(target) }
            }
            fresh = candidates.subtracting(tried)
        }
        // The session may have been locked or replaced while decrypting.
        guard session?.content.userPublicKey == content.userPublicKey else { return }
        let known = Set(
            session?.content.messages.compactMap { message in
                message.position.map { MessageKey(journalistId: message.journalistId, position: $0) }
            } ?? [])
        for reply in replies {
            let position = DeadDropPosition(deadDropId: reply.deadDropId, index: UInt16(clamping: reply.index))
            guard !known.contains(MessageKey(journalistId: reply.journalistId, position: position)) else { continue }
            let kind: MailboxMessage.Kind
            switch reply.message {
            case .message(let padded):
                guard let text = try? padded.text() else { continue }
                kind = .received(text: text, position: position)
            case .handover(let target):
                kind = .handover(target: target, position: position)
            }
            session?.content.messages.append(
                MailboxMessage(journalistId: reply.journalistId, date: reply.createdAt, kind: kind))
        }
    }

    private struct MessageKey: Hashable {
        let journalistId: String
        let position: DeadDropPosition
    }
}
