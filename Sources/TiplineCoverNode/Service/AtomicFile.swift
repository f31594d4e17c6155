import TiplineCore
import TiplineSupport

/// The CoverNode's state files through TiplineSupport's ``CrashSafeFile``, failures reported as
/// ``CoverNodeError/Code/stateFile``.
enum AtomicFile {
    /// Replaces `path` with `bytes`, readable and writable by the owner only.
    static func write(_ bytes: [UInt8], to path: String) throws {
        try stateFile { () throws(FileError) in try CrashSafeFile.write(bytes, to: path) }
    }

    /// The contents of `path`, or `nil` when it does not exist.
    static func read(_ path: String) throws -> [UInt8]? {
        try stateFile { () throws(FileError) in try CrashSafeFile.read(path) }
    }

    /// Deletes `path` durably; a missing file is not an error.
    static func remove(_ path: String) throws {
        try stateFile { () throws(FileError) in try CrashSafeFile.remove(path) }
    }

    /// Creates `path` (owner-only) if it does not exist, and deletes temporary files a crash left in it.
    static func createDirectory(_ path: String) throws {
        try stateFile { () throws(FileError) in try CrashSafeFile.createDirectory(path) }
        CrashSafeFile.removeTemporaries(in: path)
    }

    private static func stateFile<T>(_ body: () throws(FileError) -> T) throws(CoverNodeError) -> T {
        do {
            return try body()
        } catch {
            throw CoverNodeError(.stateFile, error.message)
        }
    }
}
