package import Foundation

/// A journalist's request to have a new identity key certified, waiting in the rotation queue
/// (`PROTOCOL.md` §4.7): at most one per journalist.
package struct QueuedIdentityRotation: Sendable, Hashable {
    /// The journalist who queued it.
    package var journalistId: String
    /// The new identity public key as 64 lowercase hex characters.
    package var newKeyHex: String
    /// The inner signed form as JSON, stored and returned byte for byte.
    package var form: Data
    /// The inner form's `not_valid_after` in microseconds since the Unix epoch: the entry is listed while
    /// `now <= expiresAtMicros`.
    package var expiresAtMicros: Int64

    /// Creates a queue entry.
    package init(journalistId: String, newKeyHex: String, form: Data, expiresAtMicros: Int64) {
        self.journalistId = journalistId
        self.newKeyHex = newKeyHex
        self.form = form
        self.expiresAtMicros = expiresAtMicros
    }
}
