#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Thin, checked wrappers over the POSIX calls the vault needs (`open`, `write`, `fsync`, `rename`, `flock`).
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

    /// Writes every byte of `bytes`, retrying on `EINTR` and short writes.
    static func writeAll(_ fd: Int32, _ bytes: [UInt8], what: String) throws {
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { buffer in
                buffer.baseAddress.map { write(fd, $0, buffer.count) } ?? 0
            }
            if written < 0 {
                if errno == EINTR { continue }
                throw JournalistError(.io, "\(what): \(lastError)")
            }
            offset += written
        }
    }

    /// Reads the whole file behind `fd`.
    static func readAll(_ fd: Int32, what: String) throws -> [UInt8] {
        var out: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw JournalistError(.io, "\(what): \(lastError)")
            }
            if count == 0 { return out }
            out += chunk[0..<count]
        }
    }

    /// `fsync`, retrying on `EINTR`.
    static func sync(_ fd: Int32, what: String) throws {
        while fsync(fd) != 0 {
            if errno == EINTR { continue }
            throw JournalistError(.io, "\(what): \(lastError)")
        }
    }

    /// Closes `fd`, reporting a failure (a failed close can mean lost data on some file systems).
    static func close(_ fd: Int32, what: String) throws {
        guard systemClose(fd) == 0 || errno == EINTR else {
            throw JournalistError(.io, "\(what): \(lastError)")
        }
    }

    /// Closes `fd`, ignoring errors (clean-up paths only).
    static func closeQuietly(_ fd: Int32) { _ = systemClose(fd) }
}

// The module-qualified names keep `POSIX.open`/`POSIX.close` from calling themselves.
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
