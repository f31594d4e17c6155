package import TiplineCore

/// The state of a journalist's vault and keys.
package struct JournalistStatus: Sendable, Hashable {
    /// The journalist or desk.
    package let journalistId: String
    /// Whether the setup bundle has been registered with the API.
    package let isSetUp: Bool
    /// When the signing identity key expires (`nil`: no valid identity key).
    package let identityKeyExpiry: Timestamp?
    /// When the latest published messaging key expires (`nil`: none).
    package let messagingKeyExpiry: Timestamp?
    /// Whether a new identity key is waiting to be certified.
    package let identityRotationPending: Bool
    /// Sources known to the vault.
    package let sourceCount: Int
    /// Unread messages from sources that are not muted.
    package let unreadCount: Int
    /// Replies waiting in the outbound queue.
    package let queuedReplies: Int
    /// The last journalist dead drop processed.
    package let deadDropCursor: Int32?
    /// The last successful sync.
    package let lastSyncAt: Timestamp?
    /// The last J2C posted (real or cover).
    package let lastSentAt: Timestamp?
}
