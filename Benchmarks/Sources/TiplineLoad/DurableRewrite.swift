import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A file replaced atomically and durably without any outer layer: a new temporary sibling (`O_EXCL`), `fsync`,
/// `rename` over the file, `fsync` of the folder. The cost of a crash-safe checkpoint of the same bytes without the
/// ratchet, the second reference of `tipline-bench ratchet`.
enum DurableRewrite {
    static func write(_ bytes: [UInt8], to url: URL) throws {
        let temporary = url.path + ".tmp-" + UUID().uuidString
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard fd >= 0 else { throw BenchmarkFailure("cannot create \(temporary)") }
        var written = 0
        while written < bytes.count {
            let count = bytes.withUnsafeBytes {
                Glibc.write(fd, $0.baseAddress.map { $0 + written }, $0.count - written)
            }
            guard count > 0 else { break }
            written += count
        }
        let synced = fsync(fd) == 0
        close(fd)
        guard written == bytes.count, synced, rename(temporary, url.path) == 0 else {
            unlink(temporary)
            throw BenchmarkFailure("cannot write \(url.path) durably")
        }
        let folder = open(url.deletingLastPathComponent().path, O_RDONLY | O_DIRECTORY)
        defer { close(folder) }
        guard folder >= 0, fsync(folder) == 0 else { throw BenchmarkFailure("cannot sync the folder of \(url.path)") }
    }
}
