package import TiplineCore

/// The one error type thrown by TiplineStorage.
///
/// Messages describe what failed and why, never the stored bytes: no message contents, keys,
/// signatures or dead-drop data ever appear in ``message``.
package struct StorageError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A stable, machine-readable category of failure.
    package typealias Code = ErrorCode<StorageError>

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

/// The codes of ``StorageError``.
extension ErrorCode where Domain == StorageError {
    /// The caller passed a value that violates the store's contract (wrong length, bad hex, ...).
    package static var invalidInput: Self { Self("invalidInput") }
    /// The database reported an error while running a statement.
    package static var database: Self { Self("database") }
    /// A schema migration failed.
    package static var migration: Self { Self("migration") }
    /// The connection settings are incomplete or malformed.
    package static var configuration: Self { Self("configuration") }
    /// A stored value could not be decoded into its Swift type.
    package static var corruptData: Self { Self("corruptData") }
}
