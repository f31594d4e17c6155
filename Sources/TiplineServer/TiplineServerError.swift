package import TiplineCore

/// The one error type thrown by `TiplineServer`: settings and start-up failures.
///
/// Messages name the setting or file at fault and never contain secrets.
package typealias TiplineServerError = CodedError<TiplineServerErrorDomain>

/// The domain of ``TiplineServerError``: errors print as `code: message`.
package enum TiplineServerErrorDomain: ErrorDomain {}

/// The codes of ``TiplineServerError``.
extension ErrorCode where Domain == TiplineServerErrorDomain {
    /// A setting is missing, malformed or out of range, or a settings file cannot be read.
    package static var configuration: Self { Self("configuration") }
    /// A resource the service needs at start-up (a file, a database) is unusable.
    package static var startup: Self { Self("startup") }
}
