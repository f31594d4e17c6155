package import Foundation
import TiplineCore

/// What a device examiner sees of one client's state folder at one moment: every file's name, size, modification
/// time, inode and content digest.
package struct StateSnapshot: Hashable, Sendable {
    /// One file.
    package struct FileState: Hashable, Sendable {
        /// Size in bytes.
        package let size: Int
        /// Last modification time.
        package let modified: Date
        /// The file-system object (changes on every atomic replace).
        package let inode: UInt64
        /// SHA-256 of the content, hex.
        package let sha256: String
        /// The content.
        package let bytes: [UInt8]

        /// Whether the file was written between `earlier` and this state (new content, new inode or new mtime).
        package func isRewritten(since earlier: FileState?) -> Bool {
            guard let earlier else { return true }
            return earlier.inode != inode || earlier.modified != modified || earlier.sha256 != sha256
        }
    }

    /// The files by name.
    package let files: [String: FileState]

    /// Reads every regular file directly in `folder`; a folder that does not exist yet holds no file.
    /// - Throws: ``SimulationError`` with `.storage` when the folder exists but cannot be listed.
    package init(of folder: URL) throws {
        let manager = FileManager.default
        guard manager.fileExists(atPath: folder.path) else {
            files = [:]
            return
        }
        guard let names = try? manager.contentsOfDirectory(atPath: folder.path) else {
            throw SimulationError(.storage, "cannot list \(folder.lastPathComponent)")
        }
        var files: [String: FileState] = [:]
        for name in names {
            let path = folder.appendingPathComponent(name).path
            guard let attributes = try? manager.attributesOfItem(atPath: path),
                attributes[.type] as? FileAttributeType == .typeRegular,
                let data = manager.contents(atPath: path)
            else { continue }
            let bytes = [UInt8](data)
            files[name] = FileState(
                size: bytes.count, modified: attributes[.modificationDate] as? Date ?? .distantPast,
                inode: Self.integer(attributes[.systemFileNumber]),
                sha256: Hex.encode(Hashing.sha256(bytes)), bytes: bytes)
        }
        self.files = files
    }

    private static func integer(_ value: Any?) -> UInt64 {
        switch value {
        case let number as UInt64: number
        case let number as Int: UInt64(clamping: number)
        case let number as NSNumber: number.uint64Value
        default: 0
        }
    }

    /// The names of the files written since `earlier` (including new ones), sorted.
    package func rewritten(since earlier: StateSnapshot) -> [String] {
        files.filter { $0.value.isRewritten(since: earlier.files[$0.key]) }.keys.sorted()
    }
}
