import TiplineCore

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
        let fd = try POSIX.open(vaultPath + ".lock", O_RDWR | O_CREAT, what: "cannot create the vault's lock file")
        while flock(fd, LOCK_EX | LOCK_NB) != 0 {
            if errno == EINTR { continue }
            let locked = errno == EWOULDBLOCK
            let reason = POSIX.lastError
            POSIX.closeQuietly(fd)
            throw locked
                ? JournalistError(
                    .vaultLocked,
                    "the vault is locked by another process (is `tipline journalist run` or the desk open?)")
                : JournalistError(.io, "cannot lock the vault: \(reason)")
        }
        self.fd = fd
    }

    deinit { POSIX.closeQuietly(fd) }
}
