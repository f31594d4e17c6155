package import TiplineCore

/// The one error type thrown by `TiplineCoverNode`.
///
/// Messages say what failed and why; they never contain key material, plaintext, recipient tags or message bytes.
package typealias CoverNodeError = CodedError<CoverNodeErrorDomain>

/// The domain of ``CoverNodeError``: errors print as `code: message`.
package enum CoverNodeErrorDomain: ErrorDomain {}

/// The codes of ``CoverNodeError``.
extension ErrorCode where Domain == CoverNodeErrorDomain {
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
