import Foundation
import TiplineCore

/// The one directory a client keeps its files in (owner-only permissions), with atomic writes.
struct StateDirectory: Sendable {
    let url: URL

    /// Creates the directory (mode 0700) if needed and tightens its permissions.
    func prepare() throws {
        do {
            try FileManager.default.createDirectory(
                at: url, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            try FileManager.default.setAttributes([.posixPermissions: 0o700], ofItemAtPath: url.path)
        } catch {
            throw ClientError(.storage, "the state directory cannot be created")
        }
    }

    /// The file's bytes, or `nil` when it does not exist or cannot be read (for the public caches, which are
    /// downloaded again).
    func read(_ file: ClientFile) -> [UInt8]? {
        FileManager.default.contents(atPath: path(file)).map { [UInt8]($0) }
    }

    /// Replaces the file atomically and durably (a flushed temporary file in the same directory, then a rename),
    /// mode 0600.
    func write(_ bytes: [UInt8], to file: ClientFile) throws { try DurableFile.write(bytes, to: path(file)) }

    func path(_ file: ClientFile) -> String { url.appendingPathComponent(file.fileName).path }
}
