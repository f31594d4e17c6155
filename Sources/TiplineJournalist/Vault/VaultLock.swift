import TiplineCore
import TiplineSupport

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An exclusive advisory lock (`flock`) on `<vault>.lock`, held for as long as a process has the vault open, so
/// that two processes never write the same vault. The kernel releases it when the process dies, even by SIGKILL.
final class VaultLock: Sendable {
    private let fd: Int32

    /// Takes the lock or fails at once with ``JournalistError/Code/vaultLocked``.
    init(vaultPath: String) throws {
        let fd: Int32
        do {
            fd = try Syscall.open(vaultPath + ".lock", O_RDWR | O_CREAT, .open)
        } catch {
            throw JournalistError(error)
        }
        while flock(fd, LOCK_EX | LOCK_NB) != 0 {
            if errno == EINTR { continue }
            let locked = errno == EWOULDBLOCK
            let reason = String(cString: strerror(errno))
            Syscall.closeQuietly(fd)
            throw locked
                ? JournalistError(
                    .vaultLocked,
                    "the vault is locked by another process (is `tipline journalist run` or the desk open?)")
                : JournalistError(.io, "cannot lock the vault: \(reason)")
        }
        self.fd = fd
    }

    deinit { Syscall.closeQuietly(fd) }
}
