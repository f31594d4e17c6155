/// The one error type thrown by TiplineStorage.
///
/// Messages describe what failed and why, never the stored bytes: no message contents, keys,
/// signatures or dead-drop data ever appear in ``message``.
package struct StorageError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A stable, machine-readable category of failure.
    package struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String, Hashable, Sendable {
            case invalidInput, database, migration, configuration, corruptData
        }
        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// The caller passed a value that violates the store's contract (wrong length, bad hex, ...).
        package static let invalidInput = Code(.invalidInput)
        /// The database reported an error while running a statement.
        package static let database = Code(.database)
        /// A schema migration failed.
        package static let migration = Code(.migration)
        /// The connection settings are incomplete or malformed.
        package static let configuration = Code(.configuration)
        /// A stored value could not be decoded into its Swift type.
        package static let corruptData = Code(.corruptData)

        package var description: String { base.rawValue }
    }

    /// The failure category.
    package let code: Code
    /// A human-readable explanation that never contains secret material or message bytes.
    package let message: String

    /// Creates an error with a code and a message.
    package init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    /// `StorageError(<code>): <message>`.
    package var description: String { "StorageError(\(code)): \(message)" }
}
