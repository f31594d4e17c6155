/// The one error type thrown by `TiplineSimulation`.
public struct SimulationError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A stable category of failure.
    public enum Code: String, Hashable, Sendable {
        /// The parameters of a run are out of range.
        case invalidArgument
        /// A state folder could not be created or read.
        case storage
    }

    /// The category.
    public let code: Code
    /// What went wrong, without secrets.
    public let message: String

    /// Creates an error.
    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "\(code.rawValue): \(message)" }
}
