import TiplineCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Thin, checked wrappers over the POSIX calls the vault's lock needs (`open`, `close`); the vault's file itself is
/// written by TiplineSupport's `CrashSafeFile`.
enum POSIX {
    /// The text of the current `errno` (no paths or contents).
    static var lastError: String { String(cString: strerror(errno)) }

    /// Opens `path`, retrying on `EINTR`; returns the descriptor or throws with `what` as context.
    static func open(_ path: String, _ flags: Int32, mode: mode_t = 0o600, what: String) throws -> Int32 {
        while true {
            let fd = systemOpen(path, flags | O_CLOEXEC, mode)
            if fd >= 0 { return fd }
            if errno == EINTR { continue }
            throw JournalistError(errno == ENOENT ? .vaultNotFound : .io, "\(what): \(lastError)")
        }
    }

    /// Closes `fd`, ignoring errors (clean-up paths only).
    static func closeQuietly(_ fd: Int32) { _ = systemClose(fd) }
}

// The module-qualified names keep `POSIX.open` from calling itself.
#if canImport(Glibc)
private func systemOpen(_ path: String, _ flags: Int32, _ mode: mode_t) -> Int32 {
    Glibc.open(path, flags, mode)
}
private func systemClose(_ fd: Int32) -> Int32 { Glibc.close(fd) }
#elseif canImport(Darwin)
private func systemOpen(_ path: String, _ flags: Int32, _ mode: mode_t) -> Int32 {
    Darwin.open(path, flags, mode)
}
private func systemClose(_ fd: Int32) -> Int32 { Darwin.close(fd) }
#endif
