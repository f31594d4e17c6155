/// The one error type thrown by `TiplineSimulation`.
package struct SimulationError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A stable category of failure.
    package enum Code: String, Hashable, Sendable {
        /// The parameters of a run are out of range.
        case invalidArgument
        /// A state folder could not be created or read.
        case storage
    }

    /// The category.
    package let code: Code
    /// What went wrong, without secrets.
    package let message: String

    /// Creates an error.
    package init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    package var description: String { "\(code.rawValue): \(message)" }
}
