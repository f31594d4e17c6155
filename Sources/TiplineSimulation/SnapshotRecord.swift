package import Foundation
import TiplineCore

/// One app's state folder at one moment as a device examiner sees it: per file its name, size, modification time,
/// inode, digest and byte histogram (for uniformity tests), with the app's lifecycle events as the OS logged them.
package struct SnapshotRecord: Codable, Hashable, Sendable {
    /// One file.
    package struct File: Codable, Hashable, Sendable {
        /// The name, relative to the state folder.
        package var name: String
        /// Size in bytes.
        package var size: Int
        /// Modification time, seconds since 1970.
        package var modified: Double
        /// The file-system object.
        package var inode: UInt64
        /// SHA-256 of the content, hex.
        package var sha256: String
        /// How often each byte value 0…255 occurs.
        package var byteCounts: [Int]
        /// The first 16 bytes, hex (where a format's constant header would be).
        package var head: String
    }

    /// 1-based app number.
    package var app: Int
    /// Real time of the snapshot, seconds since 1970.
    package var takenAt: Double
    /// The app's lifecycle events.
    package var lifecycle: AppLifecycle
    /// The files, sorted by name.
    package var files: [File]

    /// Describes the folder as it is at `takenAt` (nothing may write to it while it is read).
    /// - Throws: ``SimulationError`` with `.storage` when the folder cannot be listed.
    package init(app: Int, folder: URL, lifecycle: AppLifecycle, takenAt: Date) throws {
        self.app = app
        self.lifecycle = lifecycle
        self.takenAt = takenAt.timeIntervalSince1970
        files = try StateSnapshot(of: folder).files.sorted { $0.key < $1.key }.map { name, state in
            var counts = [Int](repeating: 0, count: 256)
            for byte in state.bytes { counts[Int(byte)] += 1 }
            return File(
                name: name, size: state.size, modified: state.modified.timeIntervalSince1970, inode: state.inode,
                sha256: state.sha256, byteCounts: counts, head: Hex.encode(Array(state.bytes.prefix(16))))
        }
    }
}
