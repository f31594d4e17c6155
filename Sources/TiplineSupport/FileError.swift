#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The one error type thrown by `TiplineSupport`'s file functions.
///
/// The message names the operation, the file's name (not its folder) and the system's reason; never its contents.
/// Each module maps it to its own error (`CoverNodeError.stateFile`, `JournalistError.io`, `ClientError.storage`).
package struct FileError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What was being done when the file system refused.
    package struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String, Hashable, Sendable {
            case open, write, flush, replace, read, remove, createDirectory
        }
        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// A file or folder could not be opened or created.
        package static let open = Code(.open)
        /// Bytes could not be written.
        package static let write = Code(.write)
        /// A file or its folder could not be flushed to disk (`fsync`).
        package static let flush = Code(.flush)
        /// The temporary file could not be renamed over the target.
        package static let replace = Code(.replace)
        /// An existing file could not be read.
        package static let read = Code(.read)
        /// A file could not be deleted.
        package static let remove = Code(.remove)
        /// A folder could not be created.
        package static let createDirectory = Code(.createDirectory)

        package var description: String { base.rawValue }
    }

    /// The operation that failed.
    package let code: Code
    /// The path the operation was on.
    package let path: String
    /// The system's error number (`errno`).
    package let number: Int32
    /// The system's reason (`strerror(errno)`).
    package let reason: String

    /// Creates an error.
    package init(_ code: Code, path: String, number: Int32, reason: String) {
        self.code = code
        self.path = path
        self.number = number
        self.reason = reason
    }

    /// Whether the file system is full (`ENOSPC`) or the user's quota is used up (`EDQUOT`): the same operation may
    /// succeed once space is freed (a failed ``CrashSafeFile/write(_:to:afterTemporary:)`` replaced nothing).
    package var isDiskFull: Bool { number == ENOSPC || number == EDQUOT }

    /// "cannot write tipline.vault: No space left on device".
    package var message: String {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        return "cannot \(code == .createDirectory ? "create the folder" : code.description) \(name): \(reason)"
    }

    package var description: String { message }
}
