package import TiplineCore

/// The one error type thrown by `TiplineServer`: settings and start-up failures.
///
/// Messages name the setting or file at fault and never contain secrets.
package struct TiplineServerError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A stable category of failure.
    package typealias Code = ErrorCode<TiplineServerError>

    /// The category of the failure.
    package let code: Code
    /// What went wrong, without secrets.
    package let message: String

    /// Creates an error.
    package init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    package var description: String { "\(code): \(message)" }
}

/// The codes of ``TiplineServerError``.
extension ErrorCode where Domain == TiplineServerError {
    /// A setting is missing, malformed or out of range, or a settings file cannot be read.
    package static var configuration: Self { Self("configuration") }
    /// A resource the service needs at start-up (a file, a database) is unusable.
    package static var startup: Self { Self("startup") }
}
