package import TiplineCore

/// The one error type thrown by `TiplineCoverNode`.
///
/// Messages say what failed and why; they never contain key material, plaintext, recipient tags or message bytes.
package struct CoverNodeError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A stable, machine-readable category of failure.
    package typealias Code = ErrorCode<CoverNodeError>

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

/// The codes of ``CoverNodeError``.
extension ErrorCode where Domain == CoverNodeError {
    /// A setting or a mixing parameter is out of range.
    package static var invalidSettings: Self { Self("invalidSettings") }
    /// The encrypted key store is missing, unreadable, corrupt or locked with another secret.
    package static var keyStore: Self { Self("keyStore") }
    /// A state file (intent record, key file) could not be read or written durably.
    package static var stateFile: Self { Self("stateFile") }
    /// The setup bundle or the first key upload failed.
    package static var bootstrap: Self { Self("bootstrap") }
    /// A key the CoverNode needs (a published identity or messaging key) is not available yet.
    package static var notReady: Self { Self("notReady") }
    /// The API refused a dead drop for good (a 4xx other than 429).
    package static var publishRejected: Self { Self("publishRejected") }
}
