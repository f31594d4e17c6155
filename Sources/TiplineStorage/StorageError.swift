package import TiplineCore

/// The one error type thrown by TiplineStorage.
///
/// Messages describe what failed and why, never the stored bytes: no message contents, keys,
/// signatures or dead-drop data ever appear in ``message``.
package typealias StorageError = CodedError<StorageErrorDomain>

/// The domain of ``StorageError``: errors print as `StorageError(<code>): <message>`.
package enum StorageErrorDomain: ErrorDomain {
    /// `StorageError(<code>): <message>`.
    package static func describe(_ code: ErrorCode<Self>, _ message: String) -> String {
        "StorageError(\(code)): \(message)"
    }
}

/// The codes of ``StorageError``.
extension ErrorCode where Domain == StorageErrorDomain {
    /// The caller passed a value that violates the store's contract (wrong length, bad hex, ...).
    package static var invalidInput: Self { Self("invalidInput") }
    /// The database reported an error while running a statement.
    package static var database: Self { Self("database") }
    /// The database's disk is full (SQLite's `SQLITE_FULL`, PostgreSQL's `53100 disk_full`): nothing of the write was
    /// stored, and the same write may succeed once space is freed.
    package static var diskFull: Self { Self("diskFull") }
    /// A schema migration failed.
    package static var migration: Self { Self("migration") }
    /// The connection settings are incomplete or malformed.
    package static var configuration: Self { Self("configuration") }
    /// A stored value could not be decoded into its Swift type.
    package static var corruptData: Self { Self("corruptData") }
}
