/// What ``JournalistClient/sendNext()`` posted. On the wire the cases are indistinguishable: one 730-byte J2C
/// in a form signed by the identity key.
package enum SentMessage: Sendable, Equatable {
    /// A cover J2C (the queue was empty).
    case cover
    /// The head of the queue; it is now marked sent and removed from the queue.
    case reply(messageNumber: Int64)
    /// A cover J2C because the head of the queue could not be prepared (it stays queued); the reason is given.
    case coverWhileReplyBlocked(messageNumber: Int64, reason: String)
}
