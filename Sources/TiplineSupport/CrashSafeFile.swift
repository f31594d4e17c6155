import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Crash-safe whole files, the one implementation of the CoverNode's state, the journalist's vault and the reader
/// app's storage.
///
/// A write goes to a new sibling with a unique name (`O_CREAT | O_EXCL`, mode 0600), is flushed, renamed over the
/// target, and the folder is flushed: a crash or a full disk at any point leaves the old file or the new one, plus
/// at most a temporary sibling (deleted on failure, or by ``removeTemporaries(of:)`` after a crash).
package enum CrashSafeFile {
    /// How every temporary sibling's name starts.
    package static let temporaryMarker = ".tmp-"

    /// How the temporary siblings of `path` are named: `.tmp-<file name>-<16 random hex digits>`.
    package static func temporaryPrefix(for path: String) -> String { temporaryMarker + fileName(path) + "-" }

    /// Replaces the file at `path` with `bytes` (mode 0600). `afterTemporary` runs once the new content is flushed
    /// to its temporary sibling, before the rename (crash tests stop there).
    package static func write(
        _ bytes: [UInt8], to path: String, afterTemporary: () -> Void = {}
    ) throws(FileError) {
        let random = String(UInt64.random(in: .min ... .max), radix: 16)
        let suffix = String(repeating: "0", count: 16 - random.count) + random
        try write(
            bytes, to: path, temporary: directoryName(path) + "/" + temporaryPrefix(for: path) + suffix,
            afterTemporary: afterTemporary)
    }

    /// ``write(_:to:afterTemporary:)`` through the given temporary sibling (tests plant a file there).
    static func write(
        _ bytes: [UInt8], to path: String, temporary: String, afterTemporary: () -> Void
    ) throws(FileError) {
        let descriptor = try Syscall.open(temporary, O_WRONLY | O_CREAT | O_EXCL, .open)
        // Failures name the file being replaced ("cannot write vault: No space left on device"), not the temporary.
        do throws(FileError) {
            try Syscall.writeAll(descriptor, bytes, path: path)
            guard fchmod(descriptor, 0o600) == 0 else { throw Syscall.failure(.open, temporary) }
            try Syscall.sync(descriptor, path: path)
        } catch {
            Syscall.closeQuietly(descriptor)
            unlink(temporary)
            throw error
        }
        do throws(FileError) {
            try Syscall.close(descriptor, path: path)
        } catch {
            unlink(temporary)
            throw error
        }
        afterTemporary()
        guard rename(temporary, path) == 0 else {
            let error = Syscall.failure(.replace, path)
            unlink(temporary)
            throw error
        }
        try syncDirectory(directoryName(path))
    }

    /// The file's bytes, or `nil` only when nothing exists at `path`.
    package static func read(_ path: String) throws(FileError) -> [UInt8]? {
        let descriptor: Int32
        do throws(FileError) {
            descriptor = try Syscall.open(path, O_RDONLY, .read)
        } catch  where error.number == ENOENT {
            return nil
        }
        defer { Syscall.closeQuietly(descriptor) }
        return try Syscall.readAll(descriptor, path: path)
    }

    /// Whether something exists at `path`.
    package static func exists(_ path: String) -> Bool { access(path, F_OK) == 0 }

    /// Deletes `path` durably (the folder is flushed); a missing file is not an error.
    package static func remove(_ path: String) throws(FileError) {
        guard unlink(path) == 0 || errno == ENOENT else { throw Syscall.failure(.remove, path) }
        try syncDirectory(directoryName(path))
    }

    /// Overwrites the file with zeros, flushes it, then deletes it durably; a missing file is not an error. For
    /// plaintext secrets: on flash storage and copy-on-write file systems the old blocks may survive.
    package static func erase(_ path: String) throws(FileError) {
        guard let size = try read(path)?.count else { return }
        let descriptor = try Syscall.open(path, O_WRONLY, .open)
        do throws(FileError) {
            try Syscall.writeAll(descriptor, [UInt8](repeating: 0, count: size), path: path)
            try Syscall.sync(descriptor, path: path)
        } catch {
            Syscall.closeQuietly(descriptor)
            throw error
        }
        Syscall.closeQuietly(descriptor)
        try remove(path)
    }

    /// Creates the folder `path` (owner only) unless it exists.
    package static func createDirectory(_ path: String) throws(FileError) {
        guard mkdir(path, 0o700) == 0 || errno == EEXIST else { throw Syscall.failure(.createDirectory, path) }
    }

    /// Deletes the temporary siblings of `path` that a crash during ``write(_:to:afterTemporary:)`` left behind.
    package static func removeTemporaries(of path: String) {
        removeEntries(in: directoryName(path), startingWith: temporaryPrefix(for: path))
    }

    /// Deletes every temporary sibling a crash left in `directory`.
    package static func removeTemporaries(in directory: String) {
        removeEntries(in: directory, startingWith: temporaryMarker)
    }

    /// The folder of `path` (`.` for a bare name, `/` for a file at the root).
    package static func directoryName(_ path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    private static func fileName(_ path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return path }
        return String(path[path.index(after: slash)...])
    }

    private static func syncDirectory(_ directory: String) throws(FileError) {
        let descriptor = try Syscall.open(directory, O_RDONLY | O_DIRECTORY, .flush)
        defer { Syscall.closeQuietly(descriptor) }
        try Syscall.sync(descriptor, path: directory)
    }

    private static func removeEntries(in directory: String, startingWith prefix: String) {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        for name in names where name.hasPrefix(prefix) { unlink(directory + "/" + name) }
    }
}
