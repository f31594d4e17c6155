import Foundation
import Testing
import TiplineAdmin
import TiplineCore
import TiplineTestSupport

/// Key files are created exclusively (`O_EXCL`) with mode 0600 from the start (issue 13, item 13).
@Suite("Key folder files")
struct KeyDirectoryTests {
    @Test func aFileIsCreatedWithMode0600AndNeverOverwritten() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let keys = try KeyDirectory(path: directory.file("keys"))
        try keys.write(Data("secret".utf8), to: "a.keypair.json")
        let path = directory.file("keys/a.keypair.json")
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        let error = #expect(throws: AdminError.self) { try keys.write(Data("other".utf8), to: "a.keypair.json") }
        #expect(error?.code == .alreadyExists)
        #expect(FileManager.default.contents(atPath: path) == Data("secret".utf8))
    }

    /// A name that is taken by a (dangling) symbolic link is taken: nothing is written through or over it.
    @Test func aSymbolicLinkAtTheNameIsRefused() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let keys = try KeyDirectory(path: directory.file("keys"))
        let elsewhere = directory.file("elsewhere.json")
        try FileManager.default.createSymbolicLink(
            atPath: directory.file("keys/b.keypair.json"), withDestinationPath: elsewhere)
        let error = #expect(throws: AdminError.self) { try keys.write(Data("secret".utf8), to: "b.keypair.json") }
        #expect(error?.code == .alreadyExists)
        #expect(!FileManager.default.fileExists(atPath: elsewhere))
        let link = try FileManager.default.destinationOfSymbolicLink(atPath: directory.file("keys/b.keypair.json"))
        #expect(link == elsewhere)
    }

    /// Writers racing for one name: exactly one wins, and the file holds what the winner wrote.
    @Test func racingWritersNeverBothSucceed() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let keys = try KeyDirectory(path: directory.file("keys"))
        for round in 0..<20 {
            let name = "race-\(round).json"
            let winners = Winners()
            DispatchQueue.concurrentPerform(iterations: 8) { writer in
                if (try? keys.write(Data("writer \(writer)".utf8), to: name)) != nil { winners.add(writer) }
            }
            let won = winners.all
            #expect(won.count == 1, "round \(round): \(won)")
            let content = FileManager.default.contents(atPath: directory.file("keys/\(name)"))
            #expect(content == won.first.map { Data("writer \($0)".utf8) })
        }
    }
}

private final class Winners: @unchecked Sendable {
    // Invariant: `writers` is only touched while holding `lock`.
    private let lock = NSLock()
    private var writers: [Int] = []
    var all: [Int] { lock.withLock { writers } }
    func add(_ writer: Int) { lock.withLock { writers.append(writer) } }
}
