import TiplineCore
import TiplineStorage

/// What trial decryption made of one stream message.
enum OpenedMessage<Payload: Sendable>: Sendable {
    /// A real message to publish.
    case real(Payload)
    /// Cover traffic.
    case cover
    /// A real message that cannot be delivered (unknown recipient): counted like cover, then discarded.
    case dropped
    /// No key opened it.
    case unopened
}

/// Opens one direction's messages with a fixed key snapshot; used concurrently by the decryption tasks.
protocol MessageOpener: Sendable {
    associatedtype Payload: Sendable
    func open(_ message: [UInt8]) -> OpenedMessage<Payload>
}

/// One direction of the CoverNode: which stream it reads, how a message is opened and how a release becomes a
/// signed dead drop.
protocol MixDirection: Sendable {
    associatedtype Payload: Sendable
    associatedtype Opener: MessageOpener where Opener.Payload == Payload

    /// `u2j` or `j2u`: metric label, checkpoint consumer and intent-file name.
    var name: String { get }
    /// The stream it consumes.
    var stream: MessageStream { get }
    /// The kind of dead drop it publishes.
    var kind: DeadDropKind { get }
    /// An opener with the keys valid at `now`.
    func opener(keys: CoverNodeKeys, now: Timestamp) -> Opener
    /// The recipient the mix shares its buffer and its releases by, when the CoverNode can see it.
    func recipient(of payload: Payload) -> RecipientTag?
    /// Asked when a batch held real messages to unknown recipients: refreshes the recipients if it can and says
    /// whether it did, so that the pipeline opens those messages again before dropping them.
    func refreshRecipients() async -> Bool
    /// Encrypts the real slots, makes fillers for the others and signs, keeping the slots' (shuffled) order. A
    /// real slot that cannot be encrypted to its recipient (a key libsodium refuses) gets a filler and is counted
    /// in ``AssembledDeadDrop/failedSlots``: one bad key must never stop a release.
    func deadDrop(
        for slots: [MixingSlot<Payload>], keys: CoverNodeKeys, now: Timestamp, width: Int
    ) async throws
        -> AssembledDeadDrop
}

/// A signed dead drop and the number of real messages that had to be replaced by fillers.
struct AssembledDeadDrop: Sendable {
    let deadDrop: DeadDrop
    let failedSlots: Int
}

extension CoverNodeKeys {
    /// The identity that signs a dead drop at `now`, with its epoch.
    func requireSigningIdentity(at now: Timestamp) throws -> (identity: Identity, epoch: Int32) {
        guard let identity = signingIdentity(at: now), let epoch = identity.epoch else {
            throw CoverNodeError(.notReady, "no unexpired, published identity key to sign dead drops")
        }
        return (identity, epoch)
    }
}

extension OpenedMessage {
    /// Whether this is a real message to an unknown recipient.
    var isDropped: Bool {
        if case .dropped = self { return true }
        return false
    }
}
