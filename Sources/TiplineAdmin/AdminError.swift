package import TiplineCore

/// The one error type of `TiplineAdmin`. Messages name files and roles, never key material.
package typealias AdminError = CodedError<AdminErrorDomain>

/// The domain of ``AdminError``: errors print as just the message.
package enum AdminErrorDomain: ErrorDomain {
    /// Just the message: it is shown to the administrator as is.
    package static func describe(_ code: ErrorCode<Self>, _ message: String) -> String { message }
}

/// The codes of ``AdminError``.
extension ErrorCode where Domain == AdminErrorDomain {
    /// A key file already exists and would be overwritten.
    package static var alreadyExists: Self { Self("alreadyExists") }
    /// A required key file is missing.
    package static var missingKey: Self { Self("missingKey") }
    /// A file could not be read or written.
    package static var io: Self { Self("io") }
    /// An argument is invalid.
    package static var invalidArgument: Self { Self("invalidArgument") }
}
