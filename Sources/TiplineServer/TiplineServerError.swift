/// The one error type thrown by `TiplineServer`: settings and start-up failures.
///
/// Messages name the setting or file at fault and never contain secrets.
package struct TiplineServerError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A stable category of failure.
    package struct Code: Hashable, Sendable, CustomStringConvertible {
        private let name: String
        private init(_ name: String) { self.name = name }

        /// A setting is missing, malformed or out of range, or a settings file cannot be read.
        package static let configuration = Code("configuration")
        /// A resource the service needs at start-up (a file, a database) is unusable.
        package static let startup = Code("startup")

        package var description: String { name }
    }

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
