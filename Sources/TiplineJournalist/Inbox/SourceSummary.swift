public import TiplineCore

/// A source as the inbox shows it.
public struct SourceSummary: Sendable, Hashable, Identifiable {
    /// A short number, stable for the life of the vault ("7").
    public let number: Int
    /// A random two-word name ("Amber Heron").
    public let alias: String
    /// The first 8 hex digits of the source's reply key (to tell sources apart in support conversations).
    public let keyPrefix: String
    /// Incoming messages not yet read.
    public let unreadCount: Int
    /// Messages in and out.
    public let messageCount: Int
    /// Replies waiting to be sent.
    public let queuedCount: Int
    /// The newest message's time (or when the source was first seen).
    public let lastActivity: Timestamp
    /// Whether the journalist muted this source.
    public let isMuted: Bool

    public var id: Int { number }
}
