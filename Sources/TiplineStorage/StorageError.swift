/// The one error type thrown by TiplineStorage.
///
/// Messages describe what failed and why, never the stored bytes: no message contents, keys,
/// signatures or dead-drop data ever appear in ``message``.
package struct StorageError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What kind of failure this is.
    package enum Code: String, Sendable, Hashable {
        /// The caller passed a value that violates the store's contract (wrong length, bad hex, ...).
        case invalidInput
        /// The database reported an error while running a statement.
        case database
        /// A schema migration failed.
        case migration
        /// The connection settings are incomplete or malformed.
        case configuration
        /// A stored value could not be decoded into its Swift type.
        case corruptData
    }

    /// The failure category.
    package let code: Code
    /// A human-readable explanation that never contains secret material or message bytes.
    package let message: String

    /// Creates an error with a code and a message.
    package init(code: Code, message: String) {
        self.code = code
        self.message = message
    }

    /// `StorageError(<code>): <message>`.
    package var description: String { "StorageError(\(self.code.rawValue)): \(self.message)" }

    static func invalidInput(_ message: String) -> StorageError {
        StorageError(code: .invalidInput, message: message)
    }

    static func corruptData(_ message: String) -> StorageError {
        StorageError(code: .corruptData, message: message)
    }
}
