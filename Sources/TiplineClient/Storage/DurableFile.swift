import Foundation
import TiplineCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Whole-file reads that tell "no such file" from a failed read, and crash-safe replacement: a sibling temporary file
/// is written and flushed, renamed over the target, and the directory is flushed. A crash at any point leaves the old
/// or the new file, plus at most a temporary sibling that ``removeTemporaries(in:)`` deletes on the next start.
enum DurableFile {
    /// Prefix of every temporary sibling.
    static let temporaryPrefix = ".tmp-"

    /// The file's bytes, or `nil` only when nothing exists at `path`.
    /// - Throws: ``ClientError`` with `.storage` when something exists but cannot be read.
    static func read(_ path: String) throws -> [UInt8]? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            if errno == ENOENT { return nil }
            throw failure("cannot be read", path)
        }
        let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
        do {
            return [UInt8](try handle.readToEnd() ?? Data())
        } catch {
            throw failure("cannot be read", path)
        }
    }

    /// Replaces the file at `path` with `bytes` (mode 0600) so that a crash leaves the old or the new content.
    /// `afterTemporary` runs once the new content is flushed to its temporary sibling, before the rename.
    static func write(_ bytes: [UInt8], to path: String, afterTemporary: () -> Void = {}) throws {
        let directory = (path as NSString).deletingLastPathComponent
        let temporary =
            directory + "/" + temporaryPrefix + (path as NSString).lastPathComponent + "-"
            + Hex.encode(SecureRandom.bytes(8))
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw failure("cannot be written", path) }
        do {
            let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
            try handle.write(contentsOf: Data(bytes))
            try handle.synchronize()
            try handle.close()
        } catch {
            let error = failure("cannot be written", path)
            unlink(temporary)
            throw error
        }
        afterTemporary()
        guard rename(temporary, path) == 0 else {
            let error = failure("cannot be replaced", path)
            unlink(temporary)
            throw error
        }
        try syncDirectory(directory)
    }

    /// Overwrites the file with zeros, flushes it, removes it and flushes the directory. On flash storage the old
    /// blocks may survive; a hardware key store does not have that weakness.
    static func erase(_ path: String) throws {
        guard let size = try read(path)?.count else { return }
        let descriptor = open(path, O_WRONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw failure("cannot be erased", path) }
        do {
            let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
            try handle.write(contentsOf: Data(count: size))
            try handle.synchronize()
            try handle.close()
        } catch {
            throw failure("cannot be erased", path)
        }
        guard unlink(path) == 0 || errno == ENOENT else { throw failure("cannot be removed", path) }
        try syncDirectory((path as NSString).deletingLastPathComponent)
    }

    /// Deletes temporary siblings a crash left in `directory`.
    static func removeTemporaries(in directory: String) {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        for name in names where name.hasPrefix(temporaryPrefix) { unlink(directory + "/" + name) }
    }

    private static func syncDirectory(_ directory: String) throws {
        let descriptor = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { throw failure("cannot be flushed", directory) }
        defer { close(descriptor) }
        guard fsync(descriptor) == 0 else { throw failure("cannot be flushed", directory) }
    }

    private static func failure(_ what: String, _ path: String) -> ClientError {
        ClientError(.storage, "\((path as NSString).lastPathComponent) \(what) (errno \(errno))")
    }
}
