#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The POSIX calls ``CrashSafeFile`` makes (and the journalist vault's lock file), retrying on `EINTR` and throwing
/// ``FileError``.
package enum Syscall {
    /// Opens `path` (close-on-exec, mode 0600 when created); `code` names the failure.
    package static func open(_ path: String, _ flags: Int32, _ code: FileError.Code) throws(FileError) -> Int32 {
        while true {
            let descriptor = systemOpen(path, flags | O_CLOEXEC, 0o600)
            if descriptor >= 0 { return descriptor }
            if errno != EINTR { throw failure(code, path) }
        }
    }

    /// Writes every byte, retrying on `EINTR` and short writes.
    static func writeAll(_ descriptor: Int32, _ bytes: [UInt8], path: String) throws(FileError) {
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { buffer in
                buffer.baseAddress.map { systemWrite(descriptor, $0, buffer.count) } ?? 0
            }
            if written < 0, errno == EINTR { continue }
            guard written > 0 else { throw failure(.write, path) }
            offset += written
        }
    }

    /// Reads to the end of the file.
    static func readAll(_ descriptor: Int32, path: String) throws(FileError) -> [UInt8] {
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = chunk.withUnsafeMutableBytes { systemRead(descriptor, $0.baseAddress, $0.count) }
            if count < 0, errno == EINTR { continue }
            guard count >= 0 else { throw failure(.read, path) }
            if count == 0 { return bytes }
            bytes += chunk[0..<count]
        }
    }

    /// `fsync`, retrying on `EINTR`.
    static func sync(_ descriptor: Int32, path: String) throws(FileError) {
        while fsync(descriptor) != 0 {
            if errno != EINTR { throw failure(.flush, path) }
        }
    }

    /// Closes, reporting a failure (a failed close can mean lost data on some file systems).
    static func close(_ descriptor: Int32, path: String) throws(FileError) {
        guard systemClose(descriptor) == 0 || errno == EINTR else { throw failure(.write, path) }
    }

    /// Closes, ignoring errors (clean-up paths only).
    package static func closeQuietly(_ descriptor: Int32) { _ = systemClose(descriptor) }

    /// The error for the current `errno`.
    static func failure(_ code: FileError.Code, _ path: String) -> FileError {
        let number = errno
        return FileError(code, path: path, number: number, reason: String(cString: strerror(number)))
    }
}

// File-scope names, so that `Syscall.open` / `close` and `CrashSafeFile.read` / `write` never call themselves.
private func systemOpen(_ path: String, _ flags: Int32, _ mode: mode_t) -> Int32 { open(path, flags, mode) }
private func systemClose(_ descriptor: Int32) -> Int32 { close(descriptor) }
private func systemWrite(_ descriptor: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int {
    write(descriptor, buffer, count)
}
private func systemRead(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
    read(descriptor, buffer, count)
}
