import Foundation
import TiplineStorage
import TiplineTestSupport

/// A SQLite store in a fresh ``TemporaryDirectory``, removed afterwards.
enum SQLiteTestDatabase {
    static func withDirectory<T>(_ body: (URL) async throws -> T) async throws -> T {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        return try await body(directory.url)
    }

    static func withStore<T>(_ body: (SQLiteStore) async throws -> T) async throws -> T {
        try await withDirectory { directory in
            let store = try SQLiteStore(path: directory.appendingPathComponent("tipline.sqlite").path)
            defer { try? store.close() }
            return try await body(store)
        }
    }
}
