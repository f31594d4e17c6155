import Foundation
import TiplineStorage

/// A SQLite store in a fresh temporary directory, removed afterwards.
enum SQLiteTestDatabase {
    static func makeDirectory() throws -> URL {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("tipline-storage-tests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory
    }

    static func withDirectory<T>(_ body: (URL) async throws -> T) async throws -> T {
        let directory = try makeDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        return try await body(directory)
    }

    static func withStore<T>(_ body: (SQLiteStore) async throws -> T) async throws -> T {
        try await withDirectory { directory in
            let store = try SQLiteStore(path: directory.appendingPathComponent("tipline.sqlite").path)
            defer { try? store.close() }
            return try await body(store)
        }
    }
}
