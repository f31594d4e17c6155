import Foundation
import TiplineCore

extension JournalistClient {
    /// Queues a text reply to a source: the J2U is sealed now from the latest published messaging key to the
    /// source's reply key and waits in the outbound queue for the sender loop.
    /// - Returns: the new message's number.
    /// - Throws: ``JournalistError`` `.invalidInput` when the text is empty or too long once compressed.
    @discardableResult
    package func queueReply(to source: String, text: String) async throws -> Int64 {
        guard !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw JournalistError(.invalidInput, "the reply is empty")
        }
        let padded: PaddedCompressedString
        do {
            padded = try PaddedCompressedString(text: text)
        } catch let error as TiplineCoreError {
            throw JournalistError(.invalidInput, error.message)
        }
        return try await queue(.message(padded), to: source, text: text, handoverTo: nil)
    }

    /// Queues a handover: tells the source to write to another journalist or desk from now on.
    /// - Throws: ``JournalistError`` `.invalidInput` unless `journalistId` is another journalist of the verified
    ///   key hierarchy.
    @discardableResult
    package func queueHandover(of source: String, to journalistId: String) async throws -> Int64 {
        do {
            try JournalistID.validate(journalistId)
        } catch let error as TiplineCoreError {
            throw JournalistError(.invalidInput, error.message)
        }
        let keys = try await verifiedKeys(allowStale: true)
        let ownId = try await vault.read { $0.journalistId }
        guard journalistId != ownId, !keys.messagingKeys(forJournalist: journalistId).isEmpty else {
            throw JournalistError(
                .invalidInput, "\(journalistId) is not another journalist or desk with published keys")
        }
        return try await queue(.handover(journalistId: journalistId), to: source, text: nil, handoverTo: journalistId)
    }

    private func queue(
        _ reply: JournalistToUserMessage, to query: String, text: String?, handoverTo: String?
    ) async throws -> Int64 {
        let now = clock.now()
        return try await vault.update { contents in
            let source = try contents.source(matching: query)
            let sender = try contents.replyKey(at: now)
            let sealed = try reply.seal(from: sender.pair, to: EncryptionPublicKey<Role.User>(hex: source.replyKey))
            let number = contents.appendMessage(
                replyKey: source.replyKey, direction: .outgoing, at: now, text: text, handoverTo: handoverTo)
            contents.outbox.append(
                QueuedReply(messageNumber: number, sealedReply: Data(sealed), senderKey: sender.pair.publicKey.hex))
            return number
        }
    }
}
