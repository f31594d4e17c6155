package import TiplineCore

/// The one error type thrown by `TiplineSimulation`.
package typealias SimulationError = CodedError<SimulationErrorDomain>

/// The domain of ``SimulationError``: errors print as `code: message`.
package enum SimulationErrorDomain: ErrorDomain {}

/// The codes of ``SimulationError``.
extension ErrorCode where Domain == SimulationErrorDomain {
    /// The parameters of a run are out of range.
    package static var invalidArgument: Self { Self("invalidArgument") }
    /// A state folder could not be created or read.
    package static var storage: Self { Self("storage") }
}
