public import Foundation

/// A journalist's request to have a new identity key certified, waiting in the rotation queue
/// (`PROTOCOL.md` §4.7): at most one per journalist.
public struct QueuedIdentityRotation: Sendable, Hashable {
    /// The journalist who queued it.
    public var journalistId: String
    /// The new identity public key as 64 lowercase hex characters.
    public var newKeyHex: String
    /// The inner signed form as JSON, stored and returned byte for byte.
    public var form: Data
    /// The inner form's `not_valid_after` in microseconds since the Unix epoch: the entry is listed while
    /// `now <= expiresAtMicros`.
    public var expiresAtMicros: Int64

    /// Creates a queue entry.
    public init(journalistId: String, newKeyHex: String, form: Data, expiresAtMicros: Int64) {
        self.journalistId = journalistId
        self.newKeyHex = newKeyHex
        self.form = form
        self.expiresAtMicros = expiresAtMicros
    }
}
