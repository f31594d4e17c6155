package import TiplineCore

/// The one error type of `TiplineAdmin`. Messages name files and roles, never key material.
package struct AdminError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A stable, machine-readable category of failure.
    package typealias Code = ErrorCode<AdminError>

    /// The category.
    package let code: Code
    /// What happened.
    package let message: String

    /// Creates an error.
    package init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    package var description: String { message }
}

/// The codes of ``AdminError``.
extension ErrorCode where Domain == AdminError {
    /// A key file already exists and would be overwritten.
    package static var alreadyExists: Self { Self("alreadyExists") }
    /// A required key file is missing.
    package static var missingKey: Self { Self("missingKey") }
    /// A file could not be read or written.
    package static var io: Self { Self("io") }
    /// An argument is invalid.
    package static var invalidArgument: Self { Self("invalidArgument") }
}
