import Foundation
import Testing
import TiplineCore
import TiplineTestSupport

@testable import TiplineCoverNode

/// The CoverNode's state files (intent records, the key store) are written like every other Tipline file.
@Suite("CoverNode state files")
struct StateFileTests {
    @Test func aFailedWriteLeavesNoTemporaryFileBehind() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        // A non-empty folder where the file should be: the rename fails after the temporary was written.
        try FileManager.default.createDirectory(
            atPath: folder.file("u2j-intent.json/x"), withIntermediateDirectories: true)
        let error = #expect(throws: CoverNodeError.self) {
            try AtomicFile.write(Array("intent".utf8), to: folder.file("u2j-intent.json"))
        }
        #expect(error?.code == .stateFile)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["u2j-intent.json"])
    }

    @Test func aFilePlantedWhereATemporaryMightGoIsNeverWrittenThrough() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let victim = folder.file("victim")
        try Data("not the CoverNode's".utf8).write(to: URL(fileURLWithPath: victim))
        // Whatever the temporary is called, a link planted at a predictable name must not be followed.
        try FileManager.default.createSymbolicLink(atPath: folder.file("keys.json.tmp"), withDestinationPath: victim)
        try AtomicFile.write(Array("keys".utf8), to: folder.file("keys.json"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: victim)) == Data("not the CoverNode's".utf8))
        #expect(try AtomicFile.read(folder.file("keys.json")) == Array("keys".utf8))
    }

    @Test func startingInTheStateFolderRemovesTemporariesACrashLeft() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let state = folder.file("state")
        try AtomicFile.createDirectory(state)
        try AtomicFile.write(Array("intent".utf8), to: state + "/j2u-intent.json")
        try Data().write(to: URL(fileURLWithPath: state + "/.tmp-j2u-intent.json-00000000deadbeef"))
        try AtomicFile.createDirectory(state)
        #expect(try FileManager.default.contentsOfDirectory(atPath: state) == ["j2u-intent.json"])
    }
}
