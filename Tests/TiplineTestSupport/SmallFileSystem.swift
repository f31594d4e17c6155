#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// A small tmpfs mounted on a fresh temporary folder, so that a test meets a real full disk: the kernel answers
/// `ENOSPC` once the mount's `size` is used. ``fill(leaving:)`` takes the free space with a filler file,
/// ``free()`` deletes it again; the mount goes with ``unmount()`` or when the value is released.
///
/// Mounting needs root (or `CAP_SYS_ADMIN`): tests that use it are marked
/// `.enabled(if: SmallFileSystem.isAvailable, "needs root to mount a tmpfs")` so that a machine that cannot mount
/// reports them as skipped, never as passed.
package final class SmallFileSystem: Sendable {
    /// The folder the file system is mounted on (a test keeps its files here, or passes it to `LoopbackAPI`).
    package let directory: TemporaryDirectory
    /// The file ``fill(leaving:)`` writes and ``free()`` deletes.
    package let fillerPath: String

    /// Whether this process may mount a tmpfs, checked once by mounting (and unmounting) a tiny one.
    package static let isAvailable: Bool = {
        guard let directory = try? TemporaryDirectory() else { return false }
        defer { directory.remove() }
        guard mount("tmpfs", directory.path, "tmpfs", 0, "size=64k,mode=0700") == 0 else { return false }
        detach(directory.path)
        return true
    }()

    /// Mounts a tmpfs of `bytes` bytes (rounded up to whole pages by the kernel) on a fresh folder.
    /// - Throws: ``TestFailure`` when the mount is refused.
    package init(bytes: Int) throws {
        directory = try TemporaryDirectory()
        fillerPath = directory.file("filler")
        guard mount("tmpfs", directory.path, "tmpfs", 0, "size=\(bytes),mode=0700") == 0 else {
            let reason = String(cString: strerror(errno))
            directory.remove()
            throw TestFailure("cannot mount a tmpfs on \(directory.path): \(reason)")
        }
    }

    deinit { unmount() }

    /// The folder's path.
    package var path: String { directory.path }

    /// The path of `name` inside the file system.
    package func file(_ name: String) -> String { directory.file(name) }

    /// The bytes still free, as `statvfs` reports them.
    package var availableBytes: Int {
        var status = statvfs()
        guard statvfs(path, &status) == 0 else { return 0 }
        return Int(status.f_bavail) * Int(status.f_frsize)
    }

    /// Appends zeros to the filler file until at most `headroom` bytes stay free, or, for no headroom, until the
    /// kernel answers `ENOSPC`: afterwards a write of one more page fails.
    /// - Throws: ``TestFailure`` when the filler cannot be written for another reason.
    package func fill(leaving headroom: Int = 0) throws {
        let descriptor = open(fillerPath, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw TestFailure("cannot open the filler: \(String(cString: strerror(errno)))") }
        defer { close(descriptor) }
        let page = [UInt8](repeating: 0, count: 4096)
        while availableBytes > headroom {
            let written = page.withUnsafeBytes { write(descriptor, $0.baseAddress, min($0.count, availableBytes)) }
            if written < 0, errno == EINTR { continue }
            if written < 0, errno == ENOSPC { return }
            guard written > 0 else { throw TestFailure("cannot fill: \(String(cString: strerror(errno)))") }
        }
    }

    /// Deletes the filler, so that the space it took is free again.
    package func free() { unlink(fillerPath) }

    /// Unmounts the file system (lazily when something still holds a file open in it) and deletes the folder.
    /// Calling it again does nothing.
    package func unmount() {
        Self.detach(directory.path)
        directory.remove()
    }

    private static func detach(_ path: String) {
        if umount2(path, 0) != 0, errno == EBUSY { umount2(path, Int32(MNT_DETACH)) }
    }
}
