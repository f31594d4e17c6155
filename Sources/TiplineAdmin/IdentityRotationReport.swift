/// What one pass of ``IdentityRotationCertifier/certifyQueue()`` did. Names journalists, never keys.
public struct IdentityRotationReport: Sendable, Equatable, CustomStringConvertible {
    /// A request whose key was certified and published.
    public struct Certified: Sendable, Equatable {
        /// The journalist.
        public let journalistId: String
        /// The epoch the API assigned to the new identity key.
        public let epoch: Int32

        /// Creates an entry.
        public init(journalistId: String, epoch: Int32) {
            self.journalistId = journalistId
            self.epoch = epoch
        }
    }

    /// A request that was not certified, and why.
    public struct Refused: Sendable, Equatable {
        /// The journalist the request was queued for.
        public let journalistId: String
        /// Why it was refused.
        public let reason: String

        /// Creates an entry.
        public init(journalistId: String, reason: String) {
            self.journalistId = journalistId
            self.reason = reason
        }
    }

    /// Requests certified in this pass.
    public var certified: [Certified] = []
    /// Requests refused in this pass.
    public var refused: [Refused] = []

    /// Creates an empty report.
    public init() {}

    /// Whether the queue was empty.
    public var isEmpty: Bool { certified.isEmpty && refused.isEmpty }

    /// One line per request.
    public var description: String {
        guard !isEmpty else { return "No identity-key rotation requests are queued." }
        let lines =
            certified.map { "Certified a new identity key for \($0.journalistId) (epoch \($0.epoch))." }
            + refused.map { "Refused the request of \($0.journalistId): \($0.reason)." }
        return lines.joined(separator: "\n")
    }
}
