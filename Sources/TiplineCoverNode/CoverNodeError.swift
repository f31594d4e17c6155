/// The one error type thrown by `TiplineCoverNode`.
///
/// Messages say what failed and why; they never contain key material, plaintext, recipient tags or message bytes.
package struct CoverNodeError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A stable, machine-readable category of failure.
    package struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String, Hashable, Sendable {
            case invalidSettings, keyStore, stateFile, bootstrap, notReady, publishRejected
        }
        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// A setting or a mixing parameter is out of range.
        package static let invalidSettings = Code(.invalidSettings)
        /// The encrypted key store is missing, unreadable, corrupt or locked with another secret.
        package static let keyStore = Code(.keyStore)
        /// A state file (intent record, key file) could not be read or written durably.
        package static let stateFile = Code(.stateFile)
        /// The setup bundle or the first key upload failed.
        package static let bootstrap = Code(.bootstrap)
        /// A key the CoverNode needs (a published identity or messaging key) is not available yet.
        package static let notReady = Code(.notReady)
        /// The API refused a dead drop for good (a 4xx other than 429).
        package static let publishRejected = Code(.publishRejected)

        package var description: String { base.rawValue }
    }

    /// The category of the failure.
    package let code: Code
    /// A human-readable explanation without secrets.
    package let message: String

    /// Creates an error.
    package init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    package var description: String { "\(code): \(message)" }
}
