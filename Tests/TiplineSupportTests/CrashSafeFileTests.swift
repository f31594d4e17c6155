import Foundation
import Testing

@testable import TiplineSupport

/// The one crash-safe writer of the CoverNode's state, the journalist's vault and the reader app's files.
@Suite("CrashSafeFile")
struct CrashSafeFileTests {
    let folder: String

    init() throws {
        folder =
            FileManager.default.temporaryDirectory.appendingPathComponent("tipline-support-\(UUID().uuidString)")
            .path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    }

    private func entries() throws -> [String] { try FileManager.default.contentsOfDirectory(atPath: folder).sorted() }

    private func mode(_ path: String) throws -> Int {
        try (FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber)?.intValue ?? -1
    }

    @Test func writeReplacesWholeFileOwnerOnlyAndLeavesNothingBehind() throws {
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/state.json"
        try Data("old, and longer than the new content".utf8).write(to: URL(fileURLWithPath: path))
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: path)
        try CrashSafeFile.write(Array("new".utf8), to: path)
        #expect(try CrashSafeFile.read(path) == Array("new".utf8))
        #expect(try mode(path) == 0o600)
        #expect(try entries() == ["state.json"])
    }

    @Test func theTemporaryIsAUniqueFlushedOwnerOnlySiblingUntilTheRename() throws {
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/vault"
        try CrashSafeFile.write(Array("old".utf8), to: path)
        var seen: [String] = []
        for content in ["first", "second"] {
            try CrashSafeFile.write(Array(content.utf8), to: path) {
                let temporaries = (try? entries().filter { $0 != "vault" }) ?? []
                #expect(temporaries.count == 1)
                guard let name = temporaries.first else { return }
                seen.append(name)
                #expect(name.hasPrefix(CrashSafeFile.temporaryPrefix(for: path)))
                #expect(name.count == CrashSafeFile.temporaryPrefix(for: path).count + 16)
                #expect((try? CrashSafeFile.read(folder + "/" + name)) == Array(content.utf8))
                #expect((try? mode(folder + "/" + name)) == 0o600)
                // The target still holds the previous content until the rename.
                #expect((try? CrashSafeFile.read(path)) != Array(content.utf8))
            }
        }
        #expect(seen.count == 2 && seen[0] != seen[1])
        #expect(try entries() == ["vault"])
    }

    @Test func anExistingFileAtTheTemporaryNameIsNeverOpened() throws {
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/state.json"
        let planted = folder + "/planted"
        try Data("someone else's".utf8).write(to: URL(fileURLWithPath: planted))
        let error = #expect(throws: FileError.self) {
            try CrashSafeFile.write(Array("new".utf8), to: path, temporary: planted, afterTemporary: {})
        }
        #expect(error?.code == .open)
        #expect(error?.number == EEXIST)
        #expect(try CrashSafeFile.read(planted) == Array("someone else's".utf8))
        #expect(try CrashSafeFile.read(path) == nil)
    }

    @Test func aFailedReplaceRemovesTheTemporaryAndKeepsTheTarget() throws {
        defer { try? FileManager.default.removeItem(atPath: folder) }
        // A non-empty folder where the file should be: rename(2) refuses, after the temporary was written.
        let path = folder + "/state"
        try FileManager.default.createDirectory(atPath: path + "/inside", withIntermediateDirectories: true)
        let error = #expect(throws: FileError.self) { try CrashSafeFile.write(Array("new".utf8), to: path) }
        #expect(error?.code == .replace)
        #expect(try entries() == ["state"])
        // The message names the file, never its folder.
        #expect(error?.message.hasPrefix("cannot replace state: ") == true)
        #expect(error?.message.contains(folder) == false)
    }

    @Test func aWriteIntoAMissingFolderFailsCleanly() throws {
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let error = #expect(throws: FileError.self) {
            try CrashSafeFile.write(Array("x".utf8), to: folder + "/missing/state")
        }
        #expect(error?.code == .open)
        #expect(error?.number == ENOENT)
    }

    @Test func readTellsNoFileFromAFailedRead() throws {
        defer { try? FileManager.default.removeItem(atPath: folder) }
        #expect(try CrashSafeFile.read(folder + "/absent") == nil)
        let error = #expect(throws: FileError.self) { try CrashSafeFile.read(folder) }
        #expect(error?.code == .read)
    }

    @Test func eraseAndRemoveDeleteDurablyAndAcceptAMissingFile() throws {
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/bundle.json"
        try CrashSafeFile.write(Array("secret".utf8), to: path)
        try CrashSafeFile.erase(path)
        #expect(!CrashSafeFile.exists(path))
        try CrashSafeFile.erase(path)
        try CrashSafeFile.write(Array("state".utf8), to: path)
        try CrashSafeFile.remove(path)
        #expect(!CrashSafeFile.exists(path))
        try CrashSafeFile.remove(path)
    }

    @Test func staleTemporariesAreRemovedPerFileOrPerFolder() throws {
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let vault = folder + "/vault", queue = folder + "/queue"
        for name in [
            CrashSafeFile.temporaryPrefix(for: vault) + "00000000deadbeef",
            CrashSafeFile.temporaryPrefix(for: queue) + "00000000deadbeef", "vault",
        ] {
            try Data().write(to: URL(fileURLWithPath: folder + "/" + name))
        }
        CrashSafeFile.removeTemporaries(of: vault)
        #expect(try entries() == [CrashSafeFile.temporaryPrefix(for: queue) + "00000000deadbeef", "vault"])
        CrashSafeFile.removeTemporaries(in: folder)
        #expect(try entries() == ["vault"])
    }

    @Test func createDirectoryIsOwnerOnlyAndAcceptsAnExistingFolder() throws {
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let state = folder + "/state"
        try CrashSafeFile.createDirectory(state)
        try CrashSafeFile.createDirectory(state)
        #expect(try mode(state) == 0o700)
        let error = #expect(throws: FileError.self) { try CrashSafeFile.createDirectory(folder + "/a/b") }
        #expect(error?.code == .createDirectory)
    }

    @Test func directoryNames() {
        #expect(CrashSafeFile.directoryName("/vault") == "/")
        #expect(CrashSafeFile.directoryName("vault") == ".")
        #expect(CrashSafeFile.directoryName("/a/b/vault") == "/a/b")
    }
}
