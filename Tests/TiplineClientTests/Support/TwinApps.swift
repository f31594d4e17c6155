import Foundation
import Testing
import TiplineClient
import TiplineCore
import TiplineSimulation

/// One reader app under test: a real client with its own state folder, recording its traffic.
struct AppUnderTest: Sendable {
    let name: String
    let client: ReaderClient
    let traffic: RecordingTransport
    let folder: URL

    init(name: String, api: ReaderDeployment, configure: (inout ClientConfiguration) -> Void = { _ in }) throws {
        self.name = name
        folder = api.folder.appendingPathComponent("app-\(name)")
        traffic = RecordingTransport(forwardingTo: URLSessionTransport())
        var configuration = api.clientConfiguration
        configure(&configuration)
        client = try ReaderClient(configuration: configuration, directory: folder, clock: api.clock, transport: traffic)
    }

    func snapshot() throws -> StateSnapshot { try StateSnapshot(of: folder) }

    /// Starts the app as a source: a session under a new passphrase, `text` queued for Alice, a checkpoint (leaving
    /// for the background) with the session still open.
    /// - Returns: the passphrase.
    func startAsSource(writing text: String) async throws -> Passphrase {
        try await client.start()
        let passphrase = client.generatePassphrase()
        try await client.createSession(with: passphrase)
        try await client.send(text, to: "alice")
        try await client.didEnterBackground()
        return passphrase
    }
}

/// A source and a non-user driven through the same app lifecycle at the same virtual moments, compared after every
/// step as a device examiner and a network observer would compare them.
struct TwinApps {
    let source: AppUnderTest
    let nonUser: AppUnderTest
    private(set) var steps = 0

    /// Files whose content is random per installation; everything else must be byte-identical.
    static let randomFiles: Set<String> = [ClientFile.vault.fileName, ClientFile.queue.fileName]
    /// Files every checkpoint rewrites.
    static let checkpointFiles: Set<String> = [
        ClientFile.vault.fileName, ClientFile.queue.fileName, ClientFile.schedule.fileName,
    ]

    /// Runs one lifecycle hook on both apps (source first) and checks that afterwards: the two folders hold the same
    /// file names with the same sizes; the same files were rewritten by this step (by inode, mtime or content), among
    /// them vault, queue and schedule, and their new modification times differ by no more than the step took (files
    /// not rewritten keep the times checked when they were written); every file
    /// but vault and queue has identical content; the two sent the same requests (method, endpoint, sizes, status).
    mutating func lifecycle(_ label: String, _ hook: (ReaderClient) async throws -> Void) async throws {
        steps += 1
        let before = (try source.snapshot(), try nonUser.snapshot())
        let started = Date()
        try await hook(source.client)
        try await hook(nonUser.client)
        let tolerance = Date().timeIntervalSince(started) + 1
        let after = (try source.snapshot(), try nonUser.snapshot())
        let traffic = (source.traffic.drain(), nonUser.traffic.drain())

        #expect(after.0.files.keys.sorted() == after.1.files.keys.sorted(), "\(label): file names")
        let rewritten = after.0.rewritten(since: before.0)
        #expect(rewritten == after.1.rewritten(since: before.1), "\(label): files written")
        #expect(Self.checkpointFiles.isSubset(of: rewritten), "\(label): checkpoint files rewritten")
        for (name, file) in after.0.files {
            let twin = try #require(after.1.files[name], "\(label): \(name) missing for the non-user")
            #expect(file.size == twin.size, "\(label): size of \(name)")
            if rewritten.contains(name) {
                #expect(abs(file.modified.timeIntervalSince(twin.modified)) <= tolerance, "\(label): mtime of \(name)")
            }
            if !Self.randomFiles.contains(name) { #expect(file.sha256 == twin.sha256, "\(label): content of \(name)") }
        }
        #expect(traffic.0 == traffic.1, "\(label): traffic")
    }

    /// Runs a session action on the source only and checks that it leaves no trace: no file written, no request.
    func sessionOnly(_ label: String, _ action: (ReaderClient) async throws -> Void) async throws {
        let before = try source.snapshot()
        try await action(source.client)
        #expect(try source.snapshot() == before, "\(label): the session action wrote to disk")
        #expect(source.traffic.drain().isEmpty, "\(label): the session action used the network")
    }
}
