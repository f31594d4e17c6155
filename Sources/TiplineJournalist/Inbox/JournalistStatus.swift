public import TiplineCore

/// The state of a journalist's vault and keys.
public struct JournalistStatus: Sendable, Hashable {
    /// The journalist or desk.
    public let journalistId: String
    /// Whether the setup bundle has been registered with the API.
    public let isSetUp: Bool
    /// When the signing identity key expires (`nil`: no valid identity key).
    public let identityKeyExpiry: Timestamp?
    /// When the latest published messaging key expires (`nil`: none).
    public let messagingKeyExpiry: Timestamp?
    /// Whether a new identity key is waiting to be certified.
    public let identityRotationPending: Bool
    /// Sources known to the vault.
    public let sourceCount: Int
    /// Unread messages from sources that are not muted.
    public let unreadCount: Int
    /// Replies waiting in the outbound queue.
    public let queuedReplies: Int
    /// The last journalist dead drop processed.
    public let deadDropCursor: Int32?
    /// The last successful sync.
    public let lastSyncAt: Timestamp?
    /// The last J2C posted (real or cover).
    public let lastSentAt: Timestamp?
}
