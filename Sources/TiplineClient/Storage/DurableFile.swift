import TiplineCore
import TiplineSupport

/// The reader app's files through TiplineSupport's ``CrashSafeFile``, failures reported as ``ClientError`` with
/// `.diskFull` when the device is full, `.storage` otherwise. A crash or a full disk at any point leaves the old or
/// the new file, plus at most a temporary sibling that ``removeTemporaries(in:)`` deletes on the next start.
enum DurableFile {
    /// The file's bytes, or `nil` only when nothing exists at `path`.
    static func read(_ path: String) throws -> [UInt8]? {
        try storage { () throws(FileError) in try CrashSafeFile.read(path) }
    }

    /// Replaces the file at `path` with `bytes` (mode 0600) so that a crash leaves the old or the new content.
    /// `afterTemporary` runs once the new content is flushed to its temporary sibling, before the rename.
    static func write(_ bytes: [UInt8], to path: String, afterTemporary: () -> Void = {}) throws {
        try storage { () throws(FileError) in
            try CrashSafeFile.write(bytes, to: path, afterTemporary: afterTemporary)
        }
    }

    /// Overwrites the file with zeros, flushes it, removes it and flushes the directory. On flash storage the old
    /// blocks may survive; a hardware key store does not have that weakness.
    static func erase(_ path: String) throws {
        try storage { () throws(FileError) in try CrashSafeFile.erase(path) }
    }

    /// Deletes temporary siblings a crash left in `directory`.
    static func removeTemporaries(in directory: String) { CrashSafeFile.removeTemporaries(in: directory) }

    private static func storage<T>(_ body: () throws(FileError) -> T) throws(ClientError) -> T {
        do {
            return try body()
        } catch {
            throw ClientError(error.isDiskFull ? .diskFull : .storage, error.message)
        }
    }
}
