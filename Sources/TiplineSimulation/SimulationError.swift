/// The one error type thrown by `TiplineSimulation`.
package struct SimulationError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A stable, machine-readable category of failure.
    package struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String, Hashable, Sendable {
            case invalidArgument, storage
        }
        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// The parameters of a run are out of range.
        package static let invalidArgument = Code(.invalidArgument)
        /// A state folder could not be created or read.
        package static let storage = Code(.storage)

        package var description: String { base.rawValue }
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

    package var description: String { "\(code): \(message)" }
}
