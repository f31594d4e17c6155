package import Foundation

/// A fresh folder under the system's temporary directory, deleted when the value is released or by ``remove()``.
package final class TemporaryDirectory: Sendable {
    /// The folder's path.
    package let path: String

    /// Creates a new, empty folder.
    package init() throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("tipline-tests-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { remove() }

    /// The folder as a file URL.
    package var url: URL { URL(fileURLWithPath: path, isDirectory: true) }

    /// The path of `name` inside the folder.
    package func file(_ name: String) -> String { path + "/" + name }

    /// Deletes the folder and everything in it now (a `defer { folder.remove() }` also keeps the value alive until
    /// the end of its scope).
    package func remove() { try? FileManager.default.removeItem(atPath: path) }
}
