/// What one pass of ``IdentityRotationCertifier/certifyQueue()`` did. Names journalists, never keys.
package struct IdentityRotationReport: Sendable, Equatable, CustomStringConvertible {
    /// A request whose key was certified and published.
    package struct Certified: Sendable, Equatable {
        /// The journalist.
        package let journalistId: String
        /// The epoch the API assigned to the new identity key.
        package let epoch: Int32

        /// Creates an entry.
        package init(journalistId: String, epoch: Int32) {
            self.journalistId = journalistId
            self.epoch = epoch
        }
    }

    /// A request that was not certified, and why.
    package struct Refused: Sendable, Equatable {
        /// The journalist the request was queued for.
        package let journalistId: String
        /// Why it was refused.
        package let reason: String

        /// Creates an entry.
        package init(journalistId: String, reason: String) {
            self.journalistId = journalistId
            self.reason = reason
        }
    }

    /// Requests certified in this pass.
    package var certified: [Certified] = []
    /// Requests refused in this pass.
    package var refused: [Refused] = []

    /// Creates an empty report.
    package init() {}

    /// Whether the queue was empty.
    package var isEmpty: Bool { certified.isEmpty && refused.isEmpty }

    /// One line per request.
    package var description: String {
        guard !isEmpty else { return "No identity-key rotation requests are queued." }
        let lines =
            certified.map { "Certified a new identity key for \($0.journalistId) (epoch \($0.epoch))." }
            + refused.map { "Refused the request of \($0.journalistId): \($0.reason)." }
        return lines.joined(separator: "\n")
    }
}
