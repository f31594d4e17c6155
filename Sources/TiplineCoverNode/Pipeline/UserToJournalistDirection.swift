import TiplineCore
import TiplineStorage

/// Readers → journalists: opens 773-byte U2C messages, re-encrypts each real one as a C2J from the CoverNode's
/// latest published messaging key to the recipient journalist's latest messaging key, pads with C2J fillers and
/// signs with the epoch `max(epoch of the sending key, epoch of the identity key)`.
struct UserToJournalistDirection: MixDirection {
    /// A real U2C's content: the recipient tag and the sealed U2J the journalist opens.
    struct Payload: Sendable {
        let tag: RecipientTag
        let sealedMessage: [UInt8]
    }

    struct Opener: MessageOpener {
        let keys: [EncryptionKeyPair<Role.CoverNodeMessaging>]
        let knownTags: Set<RecipientTag>

        func open(_ message: [UInt8]) -> OpenedMessage<Payload> {
            for key in keys {
                guard let opened = try? UserToCoverNodeMessage.open(message, with: key) else { continue }
                switch opened {
                case .cover:
                    return .cover
                case .real(let tag, let sealed):
                    return knownTags.contains(tag) ? .real(Payload(tag: tag, sealedMessage: sealed)) : .dropped
                }
            }
            return .unopened
        }
    }

    let directory: JournalistDirectory
    /// Fetches the journalists' keys now (rate-limited); `nil` when the directory is only refreshed periodically.
    var refreshDirectory: OnDemandRefresh?
    let name = "u2j"
    let stream = MessageStream.userToCoverNode
    let kind = DeadDropKind.journalist

    func opener(keys: CoverNodeKeys, now: Timestamp) -> Opener {
        Opener(keys: keys.decryptionKeys(at: now), knownTags: directory.knownTags)
    }

    func recipient(of payload: Payload) -> RecipientTag? { payload.tag }

    func refreshRecipients() async -> Bool {
        await refreshDirectory?() ?? false
    }

    func deadDrop(
        for slots: [MixingSlot<Payload>], keys: CoverNodeKeys, now: Timestamp, width: Int
    ) async throws
        -> AssembledDeadDrop
    {
        let (identity, identityEpoch) = try keys.requireSigningIdentity(at: now)
        guard let sender = keys.sendingKey(at: now), let senderEpoch = sender.epoch else {
            throw CoverNodeError(.notReady, "no messaging key the API publishes yet")
        }
        let directory = directory
        let sealed = try await ParallelMap.map(slots, width: width) { slot -> (message: [UInt8], failed: Bool) in
            // A recipient that vanished since the message was opened gets a filler instead, and so does one whose
            // key libsodium refuses (a small-order point): one bad key must not stop every journalist's inbox.
            if let payload = slot.payload, let journalist = directory.key(for: payload.tag) {
                if let message = try? CoverNodeToJournalistMessage.seal(
                    payload.sealedMessage, from: sender.keyPair, to: journalist)
                {
                    return (message, false)
                }
                return (try CoverNodeToJournalistMessage.filler(from: sender.keyPair), true)
            }
            return (try CoverNodeToJournalistMessage.filler(from: sender.keyPair), false)
        }
        let deadDrop = try DeadDrop.sign(
            kind: kind, messages: sealed.map(\.message), createdAt: now, epoch: max(senderEpoch, identityEpoch),
            with: identity.keyPair)
        return AssembledDeadDrop(deadDrop: deadDrop, failedSlots: sealed.count { $0.failed })
    }
}
