package import TiplineCore

/// A source as the inbox shows it.
package struct SourceSummary: Sendable, Hashable, Identifiable {
    /// A short number, stable for the life of the vault ("7").
    package let number: Int
    /// A random two-word name ("Amber Heron").
    package let alias: String
    /// The first 8 hex digits of the source's reply key (to tell sources apart in support conversations).
    package let keyPrefix: String
    /// Incoming messages not yet read.
    package let unreadCount: Int
    /// Messages in and out.
    package let messageCount: Int
    /// Replies waiting to be sent.
    package let queuedCount: Int
    /// The newest message's time (or when the source was first seen).
    package let lastActivity: Timestamp
    /// Whether the journalist muted this source.
    package let isMuted: Bool

    package var id: Int { number }
}
