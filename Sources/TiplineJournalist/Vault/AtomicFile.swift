import TiplineCore
import TiplineSupport

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The vault's and the setup bundle's files through TiplineSupport's ``CrashSafeFile``, failures reported as
/// ``JournalistError`` (`vaultNotFound` for a missing file, `diskFull` for a full disk, `io` otherwise).
enum AtomicFile {
    /// How the temporary siblings of `path` are named, so that stale ones from a crash can be found.
    static func temporaryPrefix(for path: String) -> String { CrashSafeFile.temporaryPrefix(for: path) }

    /// Replaces the file at `path` with `bytes` (mode 0600).
    static func write(_ bytes: [UInt8], to path: String) throws {
        try journalistError { () throws(FileError) in try CrashSafeFile.write(bytes, to: path) }
    }

    /// Reads the whole file at `path`.
    static func read(_ path: String) throws -> [UInt8] {
        guard let bytes = try journalistError({ () throws(FileError) in try CrashSafeFile.read(path) }) else {
            throw JournalistError(.vaultNotFound, "cannot open \(path): no such file")
        }
        return bytes
    }

    /// Whether something exists at `path`.
    static func exists(_ path: String) -> Bool { CrashSafeFile.exists(path) }

    /// Removes temporary siblings left behind by a crash during ``write(_:to:)``.
    static func removeStaleTemporaries(of path: String) { CrashSafeFile.removeTemporaries(of: path) }

    /// Overwrites a file with zeros, flushes, and deletes it: for plaintext secrets such as a setup bundle.
    ///
    /// On journaling or copy-on-write file systems and SSDs the old blocks may survive; this only removes the
    /// easy copy. Keep such files on encrypted disks.
    static func overwriteAndRemove(_ path: String) throws {
        try journalistError { () throws(FileError) in try CrashSafeFile.erase(path) }
    }

    private static func journalistError<T>(_ body: () throws(FileError) -> T) throws(JournalistError) -> T {
        do {
            return try body()
        } catch {
            throw JournalistError(error)
        }
    }
}

extension JournalistError {
    /// A file-system failure: `vaultNotFound` for a missing file, `diskFull` for a full disk, `io` otherwise.
    init(_ error: FileError) {
        self.init(error.number == ENOENT ? .vaultNotFound : error.isDiskFull ? .diskFull : .io, error.message)
    }
}
