/// The one error type of `TiplineAdmin`. Messages name files and roles, never key material.
public struct AdminError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A stable category.
    public enum Code: String, Hashable, Sendable {
        /// A key file already exists and would be overwritten.
        case alreadyExists
        /// A required key file is missing.
        case missingKey
        /// A file could not be read or written.
        case io
        /// An argument is invalid.
        case invalidArgument
    }

    /// The category.
    public let code: Code
    /// What happened.
    public let message: String

    /// Creates an error.
    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}
