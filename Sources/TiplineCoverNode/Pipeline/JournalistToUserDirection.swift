import TiplineCore
import TiplineStorage

/// Journalists → readers: opens 730-byte J2C messages; a real one carries a 553-byte J2U that is published verbatim
/// in a user dead drop, padded with J2U fillers and signed (no epoch).
struct JournalistToUserDirection: MixDirection {
    struct Opener: MessageOpener {
        let keys: [EncryptionKeyPair<Role.CoverNodeMessaging>]

        func open(_ message: [UInt8]) -> OpenedMessage<[UInt8]> {
            for key in keys {
                guard let opened = try? JournalistToCoverNodeMessage.open(message, with: key) else { continue }
                guard case .real(let reply) = opened else { return .cover }
                return reply.count == MessageSizes.journalistToUserEncrypted ? .real(reply) : .dropped
            }
            return .unopened
        }
    }

    let name = "j2u"
    let stream = MessageStream.journalistToCoverNode
    let kind = DeadDropKind.user

    func opener(keys: CoverNodeKeys, now: Timestamp) -> Opener {
        Opener(keys: keys.decryptionKeys(at: now))
    }

    /// Replies are sealed to the reader: the CoverNode cannot see their recipient.
    func recipient(of payload: [UInt8]) -> RecipientTag? { nil }

    /// Replies carry no recipient the CoverNode looks up: nothing to refresh.
    func refreshRecipients() async -> Bool { false }

    func deadDrop(
        for slots: [MixingSlot<[UInt8]>], keys: CoverNodeKeys, now: Timestamp, width: Int
    ) async throws
        -> AssembledDeadDrop
    {
        let (identity, _) = try keys.requireSigningIdentity(at: now)
        let messages = try await ParallelMap.map(slots, width: width) { slot in
            try slot.payload ?? JournalistToUserMessage.filler()
        }
        let deadDrop = try DeadDrop.sign(
            kind: kind, messages: messages, createdAt: now, epoch: nil, with: identity.keyPair)
        return AssembledDeadDrop(deadDrop: deadDrop, failedSlots: 0)
    }
}
