import Foundation
import TiplineAPIClient
import TiplineCore

extension JournalistClient {
    /// Posts exactly one J2C: the head of the outbound queue if there is one, otherwise cover of the same size
    /// (`spec/PROTOCOL.md` §8.5). The J2C is wrapped now, for the CoverNode keys current now, so a reply that waited
    /// never goes to an expired CoverNode key; if its J2U was sealed from a messaging key that expires within
    /// ``JournalistConfiguration/replyKeyMargin`` it is sealed again from the latest one. The form is signed by the
    /// identity key. A reply leaves the queue only after the API answered 2xx; the vault is saved before and after
    /// every post, real or cover, so its writes do not reveal when replies are sent.
    ///
    /// A reply's J2C is in the vault before it is posted, and a later slot posts those same bytes again while the
    /// latest CoverNode keys are unchanged: the API stores identical bytes once, so a save that fails after the post
    /// (a full disk, a crash) never sends the reply twice. When the save before the post fails, nothing is posted.
    @discardableResult
    package func sendNext() async throws -> SentMessage {
        let now = clock.now()
        let keys = try await verifiedKeys(allowStale: true)
        let identity = try await vault.read { try $0.signingIdentity(at: now) }
        let coverNodeKeys = keys.latestCoverNodeMessagingKeys
        var outcome = SentMessage.cover
        var reply: [UInt8]?
        if let head = try await vault.read({ $0.outbox.first }) {
            do {
                if let posted = head.posted, posted.coverNodeKeys == coverNodeKeys.map(\.hex) {
                    reply = Array(posted.message)
                } else {
                    reply = try Self.wrap(.real(sealedReply: try await sealedReply(head, now: now)), for: coverNodeKeys)
                }
                outcome = .reply(messageNumber: head.messageNumber)
            } catch {
                outcome = .coverWhileReplyBlocked(messageNumber: head.messageNumber, reason: "\(error)")
            }
        }
        let j2c = try reply ?? Self.wrap(.cover, for: coverNodeKeys)
        let sent = outcome
        try await vault.update { contents in
            guard case .reply(let number) = sent,
                let index = contents.outbox.firstIndex(where: { $0.messageNumber == number })
            else { return }
            contents.outbox[index].posted = PostedReply(message: Data(j2c), coverNodeKeys: coverNodeKeys.map(\.hex))
        }
        let form = try SignedForm.sign(
            body: Array("\"\(Base64.encodeUnpadded(j2c))\"".utf8), with: identity.pair, now: now)
        try await api.postJournalistMessage(form)
        try await vault.update { contents in
            contents.lastSentAt = now.microseconds
            guard case .reply(let number) = sent else { return }
            contents.outbox.removeAll { $0.messageNumber == number }
            if let index = contents.messages.firstIndex(where: { $0.number == number }) {
                contents.messages[index].sentAt = now.microseconds
            }
        }
        return sent
    }

    /// `payload` wrapped for the CoverNodes' latest messaging keys.
    private static func wrap(
        _ payload: JournalistToCoverNodeMessage, for keys: [EncryptionPublicKey<Role.CoverNodeMessaging>]
    ) throws -> [UInt8] {
        do {
            return try payload.seal(to: keys)
        } catch {
            throw JournalistError(.missingKey, "the published hierarchy has no CoverNode key to send to")
        }
    }

    /// The 553-byte J2U of a queued reply, sealed again (and saved) when its sender key is about to expire.
    private func sealedReply(_ queued: QueuedReply, now: Timestamp) async throws -> [UInt8] {
        let margin = configuration.replyKeyMargin
        let stillGood = try await vault.read { contents in
            contents.messagingKeys(at: now).contains {
                $0.isPublished && $0.pair.publicKey.hex == queued.senderKey
                    && $0.certificate.notValidAfter.duration(since: now) >= margin
            }
        }
        if stillGood { return Array(queued.sealedReply) }
        return try await vault.update { contents in
            guard let message = contents.messages.first(where: { $0.number == queued.messageNumber }) else {
                throw JournalistError(.io, "a queued reply has no message")
            }
            let reply: JournalistToUserMessage =
                if let target = message.handoverTo {
                    .handover(journalistId: target)
                } else {
                    .message(try PaddedCompressedString(text: message.text ?? ""))
                }
            let sender = try contents.replyKey(at: now)
            let sealed = try reply.seal(from: sender.pair, to: EncryptionPublicKey<Role.User>(hex: message.replyKey))
            if let index = contents.outbox.firstIndex(where: { $0.messageNumber == queued.messageNumber }) {
                contents.outbox[index].sealedReply = Data(sealed)
                contents.outbox[index].senderKey = sender.pair.publicKey.hex
            }
            return sealed
        }
    }
}
