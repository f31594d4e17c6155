package import TiplineCore

/// The one error type thrown by `TiplineSimulation`.
package struct SimulationError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A stable, machine-readable category of failure.
    package typealias Code = ErrorCode<SimulationError>

    /// The category.
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

/// The codes of ``SimulationError``.
extension ErrorCode where Domain == SimulationError {
    /// The parameters of a run are out of range.
    package static var invalidArgument: Self { Self("invalidArgument") }
    /// A state folder could not be created or read.
    package static var storage: Self { Self("storage") }
}
