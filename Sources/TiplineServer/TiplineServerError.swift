/// The one error type thrown by `TiplineServer`: settings and start-up failures.
///
/// Messages name the setting or file at fault and never contain secrets.
public struct TiplineServerError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A stable category of failure.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private let name: String
        private init(_ name: String) { self.name = name }

        /// A setting is missing, malformed or out of range, or a settings file cannot be read.
        public static let configuration = Code("configuration")
        /// A resource the service needs at start-up (a file, a database) is unusable.
        public static let startup = Code("startup")

        public var description: String { name }
    }

    /// The category of the failure.
    public let code: Code
    /// What went wrong, without secrets.
    public let message: String

    /// Creates an error.
    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "\(code): \(message)" }
}
