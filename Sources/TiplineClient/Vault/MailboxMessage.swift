import TiplineCore

/// Where a reply was found: the dead drop's id and the message's index inside it. Two decryptions of the same
/// position are the same message, so unlocking twice never duplicates a reply.
struct DeadDropPosition: Hashable, Sendable {
    let deadDropId: Int32
    let index: UInt16
}

/// One entry of the mailbox kept inside the vault.
struct MailboxMessage: Hashable, Sendable {
    enum Kind: Hashable, Sendable {
        /// A message the reader wrote; `hint` finds it in the sending queue while it waits there.
        case sent(text: String, hint: [UInt8])
        /// A reply from the journalist.
        case received(text: String, position: DeadDropPosition)
        /// The journalist handed the conversation over to `target`; not shown, but `target` becomes a candidate sender.
        case handover(target: String, position: DeadDropPosition)
    }

    /// The other side: the recipient of a sent message, the sender of a reply or handover.
    let journalistId: String
    /// When it was queued (sent) or when its dead drop was created (received, handover).
    let date: Timestamp
    let kind: Kind

    var position: DeadDropPosition? {
        switch kind {
        case .sent: nil
        case .received(_, let position), .handover(_, let position): position
        }
    }
}
