import Foundation
import TiplineCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Crash-safe whole-file replacement: write a sibling temporary file, `fsync` it, `rename` it over the target,
/// then `fsync` the directory. A crash or a full disk at any point leaves either the old or the new file.
enum AtomicFile {
    /// Prefix of the temporary siblings, so that stale ones from a crash can be found and removed.
    static func temporaryPrefix(for path: String) -> String { "." + fileName(path) + ".tmp-" }

    /// Replaces the file at `path` with `bytes` (mode 0600).
    static func write(_ bytes: [UInt8], to path: String) throws {
        let directory = directoryName(path)
        let temporary = directory + "/" + temporaryPrefix(for: path) + Hex.encode(SecureRandom.bytes(8))
        let fd = try POSIX.open(temporary, O_WRONLY | O_CREAT | O_EXCL, what: "cannot create a file next to the vault")
        do {
            try POSIX.writeAll(fd, bytes, what: "cannot write the vault")
            try POSIX.sync(fd, what: "cannot flush the vault to disk")
            try POSIX.close(fd, what: "cannot write the vault")
        } catch {
            POSIX.closeQuietly(fd)
            unlink(temporary)
            throw error
        }
        guard rename(temporary, path) == 0 else {
            let reason = POSIX.lastError
            unlink(temporary)
            throw JournalistError(.io, "cannot replace the vault: \(reason)")
        }
        try syncDirectory(directory)
    }

    /// Reads the whole file at `path`.
    static func read(_ path: String) throws -> [UInt8] {
        let fd = try POSIX.open(path, O_RDONLY, what: "cannot open \(path)")
        defer { POSIX.closeQuietly(fd) }
        return try POSIX.readAll(fd, what: "cannot read \(path)")
    }

    /// Whether something exists at `path`.
    static func exists(_ path: String) -> Bool { access(path, F_OK) == 0 }

    /// Removes temporary siblings left behind by a crash during ``write(_:to:)``.
    static func removeStaleTemporaries(of path: String) {
        let directory = directoryName(path)
        let prefix = temporaryPrefix(for: path)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        for name in names where name.hasPrefix(prefix) { unlink(directory + "/" + name) }
    }

    /// Overwrites a file with zeros, flushes, and deletes it: for plaintext secrets such as a setup bundle.
    ///
    /// On journaling or copy-on-write file systems and SSDs the old blocks may survive; this only removes the
    /// easy copy. Keep such files on encrypted disks.
    static func overwriteAndRemove(_ path: String) throws {
        let fd = try POSIX.open(path, O_WRONLY, what: "cannot open \(path) to erase it")
        do {
            var info = stat()
            guard fstat(fd, &info) == 0 else { throw JournalistError(.io, "cannot erase \(path): \(POSIX.lastError)") }
            try POSIX.writeAll(fd, [UInt8](repeating: 0, count: Int(info.st_size)), what: "cannot erase \(path)")
            try POSIX.sync(fd, what: "cannot erase \(path)")
        } catch {
            POSIX.closeQuietly(fd)
            throw error
        }
        POSIX.closeQuietly(fd)
        guard unlink(path) == 0 else { throw JournalistError(.io, "cannot delete \(path): \(POSIX.lastError)") }
        try syncDirectory(directoryName(path))
    }

    private static func syncDirectory(_ directory: String) throws {
        let fd = try POSIX.open(directory, O_RDONLY | O_DIRECTORY, what: "cannot open the vault's folder")
        defer { POSIX.closeQuietly(fd) }
        try POSIX.sync(fd, what: "cannot flush the vault's folder")
    }

    static func directoryName(_ path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    private static func fileName(_ path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return path }
        return String(path[path.index(after: slash)...])
    }
}
