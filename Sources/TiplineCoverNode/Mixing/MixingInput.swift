package import TiplineCore

/// One message of a stream after decryption, as the mix sees it.
package enum MixingInput<Payload: Sendable>: Sendable {
    /// A real message for a known recipient, with its stream position, the recipient's tag when the CoverNode can
    /// see it (U2J; `nil` for replies) and when the API received it (`nil`: when the mix receives it).
    case real(Payload, position: Int64, recipient: RecipientTag? = nil, receivedAt: Timestamp? = nil)
    /// Cover traffic, or a real message that is dropped (unknown recipient): counted, then discarded.
    case cover(position: Int64)
    /// A message no key opened: not counted (as in CoverDrop), but the checkpoint may pass it.
    case unopened(position: Int64)

    /// The message's stream position.
    package var position: Int64 {
        switch self {
        case .real(_, let position, _, _), .cover(let position), .unopened(let position): position
        }
    }
}

/// One entry of a released dead drop before encryption: a real payload or a place for a filler.
package enum MixingSlot<Payload: Sendable>: Sendable {
    /// A real message.
    case real(Payload)
    /// A filler, made indistinguishable from a real message when the dead drop is built.
    case filler

    /// The payload of a real slot.
    package var payload: Payload? {
        if case .real(let payload) = self { return payload }
        return nil
    }
}

/// What the mix releases: exactly `outputSize` slots in a uniformly random order, and the stream position that is
/// safe to persist once the dead drop is published.
package struct MixingRelease<Payload: Sendable>: Sendable {
    /// The slots, shuffled with the CSPRNG: the order carries no information about arrival order.
    package let slots: [MixingSlot<Payload>]
    /// Every real message at or before this position is released or discarded; every unreleased real is after it.
    package let checkpoint: Int64
    /// The anonymity set: inputs (real and cover) counted since the previous release.
    package let inputCount: Int

    /// The number of real slots.
    package var realCount: Int { slots.count { $0.payload != nil } }
}
