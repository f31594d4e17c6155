/// The one error type of `TiplineAdmin`. Messages name files and roles, never key material.
package struct AdminError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A stable, machine-readable category of failure.
    package struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String, Hashable, Sendable {
            case alreadyExists, missingKey, io, invalidArgument
        }
        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// A key file already exists and would be overwritten.
        package static let alreadyExists = Code(.alreadyExists)
        /// A required key file is missing.
        package static let missingKey = Code(.missingKey)
        /// A file could not be read or written.
        package static let io = Code(.io)
        /// An argument is invalid.
        package static let invalidArgument = Code(.invalidArgument)

        package var description: String { base.rawValue }
    }

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
