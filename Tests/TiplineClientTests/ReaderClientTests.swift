import Foundation
import Testing
import TiplineClient
import TiplineCore
import TiplineSimulation

/// The client's lifecycle against the real API (`spec/CLIENT.md` §15 invariants that concern one installation).
@Suite("Reader client")
struct ReaderClientTests {
    @Test("first start creates every file once, owner-only; session actions never change the file set or sizes")
    func fileSetAndSizes() async throws {
        try await ReaderDeployment.withStartedApp(named: "sizes") { api, app in
            let first = try app.snapshot()
            #expect(
                first.files.keys.sorted() == ["public-keys.json", "queue", "schedule.json", "status.json", "vault"])
            // The inner files (524,344 and 6,448 bytes) in the outer layer of the software device key store (+112).
            #expect(first.files["vault"]?.size == 524_456)
            #expect(first.files["queue"]?.size == 6560)
            let permissions =
                try FileManager.default.attributesOfItem(atPath: app.folder.path)[.posixPermissions] as? Int
            #expect(permissions == 0o700)
            let vaultPermissions =
                try FileManager.default.attributesOfItem(
                    atPath: app.folder.appendingPathComponent("vault").path)[.posixPermissions] as? Int
            #expect(vaultPermissions == 0o600)

            let passphrase = app.client.generatePassphrase()
            try await app.client.createSession(with: passphrase)
            for index in 0..<8 { try await app.client.send("message \(index)", to: "alice") }
            let full = await #expect(throws: ClientError.self) {
                try await app.client.send("one too many", to: "alice")
            }
            #expect(full?.code == .queueFull)
            #expect(try await app.client.pendingMessageCount() == 8)
            // Atomic replacement: a reader holding the old files open still sees them whole after the checkpoint.
            let open = try ["vault", "queue"].map {
                try FileHandle(forReadingFrom: app.folder.appendingPathComponent($0))
            }
            try await app.client.didEnterBackground()
            let rewritten = try app.snapshot()
            for (handle, name) in zip(open, ["vault", "queue"]) {
                let old = try #require(try handle.readToEnd())
                #expect([UInt8](old) == first.files[name]?.bytes)
                #expect(rewritten.files[name]?.bytes != first.files[name]?.bytes)
                #expect(rewritten.files[name]?.inode != first.files[name]?.inode)
                try handle.close()
            }
            await app.client.lock()
            try await app.client.didEnterForeground()
            try await app.client.deleteVault()
            try await app.client.didEnterBackground()
            let last = try app.snapshot()
            #expect(last.files.keys.sorted() == first.files.keys.sorted())
            for name in ["vault", "queue"] { #expect(last.files[name]?.size == first.files[name]?.size) }
            let deleted = await #expect(throws: ClientError.self) { try await app.client.unlock(passphrase) }
            #expect(deleted?.code == .passphraseRejected)
        }
    }

    @Test("a wrong passphrase and a never-used app give the same error")
    func sameErrorForWrongAndNeverUsed() async throws {
        try await ReaderDeployment.with { api in
            let used = try AppUnderTest(name: "used", api: api)
            let neverUsed = try AppUnderTest(name: "never-used", api: api)
            try await used.client.start()
            try await neverUsed.client.start()
            try await used.client.createSession(with: used.client.generatePassphrase())
            await used.client.lock()
            let guess = used.client.generatePassphrase()
            let errors = [
                await #expect(throws: ClientError.self) { try await used.client.unlock(guess) },
                await #expect(throws: ClientError.self) { try await neverUsed.client.unlock(guess) },
            ]
            #expect(errors[0] != nil && errors[0] == errors[1])
            #expect(errors[0]?.code == .passphraseRejected)
            #expect(await !used.client.isUnlocked)
        }
    }

    @Test("writing never touches the network; only sending runs post, two per run, at most once an hour")
    func sendingSchedule() async throws {
        try await ReaderDeployment.withStartedApp(named: "schedule") { api, app in
            let startTraffic = app.traffic.drain()
            #expect(startTraffic.filter { $0.method == "POST" }.count == 2)
            #expect(
                startTraffic.allSatisfy {
                    $0.method == "GET" || ($0.endpoint == "/user/messages" && $0.requestBytes == 1034)
                })

            try await app.client.createSession(with: app.client.generatePassphrase())
            try await app.client.send("Hello", to: "alice")
            #expect(app.traffic.drain().isEmpty)

            api.clock.advance(by: .seconds(1800))
            #expect(try await app.client.runBackgroundTask() == .rateLimited)
            try await app.client.didEnterForeground()
            #expect(app.traffic.drain().filter { $0.method == "POST" }.isEmpty)
            #expect(try await app.client.pendingMessageCount() == 1)

            api.clock.advance(by: .seconds(1800))
            #expect(try await app.client.runBackgroundTask() == .ran(attempted: 2, acknowledged: 2))
            let run = app.traffic.drain()
            #expect(run.map(\.endpoint) == ["/user/messages", "/user/messages"])
            #expect(Set(run.map(\.requestBytes)) == [1034])
            #expect(try await app.client.pendingMessageCount() == 0)
            #expect(try await app.client.conversations().first?.messages.first?.isPending == false)
        }
    }

    @Test("a message leaves the queue only once the server acknowledged it")
    func dequeueOnlyOnSuccess() async throws {
        let folder: URL
        let passphrase: Passphrase
        let configuration: ClientConfiguration
        let clock: ManualWallClock
        // Run once with the API up, then let the API go away and run the sending step against a closed port.
        (folder, passphrase, configuration, clock) = try await ReaderDeployment.withStartedApp(named: "offline") {
            api, app in
            let passphrase = app.client.generatePassphrase()
            try await app.client.createSession(with: passphrase)
            try await app.client.send("Hold on to this", to: "alice")
            try await app.client.didEnterBackground()
            let kept = api.folder.deletingLastPathComponent().appendingPathComponent("kept-\(UUID().uuidString)")
            try FileManager.default.copyItem(at: app.folder, to: kept)
            // The outer layer's device keys go along (the default software store keeps them in a sibling folder).
            try FileManager.default.copyItem(
                at: URL(fileURLWithPath: app.folder.path + ".device-keys"),
                to: URL(fileURLWithPath: kept.path + ".device-keys"))
            return (kept, passphrase, api.clientConfiguration, api.clock)
        }
        defer {
            try? FileManager.default.removeItem(at: folder)
            try? FileManager.default.removeItem(atPath: folder.path + ".device-keys")
        }
        clock.advance(by: .seconds(3600))
        let client = try ReaderClient(configuration: configuration, directory: folder, clock: clock)
        // The keys are cached, so the app starts offline; its sending step fails at the first POST.
        try await client.start()
        try await client.unlock(passphrase)
        #expect(try await client.pendingMessageCount() == 1)
        clock.advance(by: .seconds(3600))
        #expect(try await client.runBackgroundTask() == .ran(attempted: 1, acknowledged: 0))
        #expect(try await client.pendingMessageCount() == 1)
    }

    @Test("limits are enforced before anything is queued")
    func limits() async throws {
        try await ReaderDeployment.withStartedApp(named: "limits") { api, app in
            await #expect(throws: ClientError.self) { try await app.client.send("locked", to: "alice") }
            try await app.client.createSession(with: app.client.generatePassphrase())
            let random = (0..<2000).map { _ in String(UnicodeScalar(UInt8(0x21 + SecureRandom.uniform(90)))) }.joined()
            #expect(!app.client.checkLength(random).fits)
            #expect(app.client.checkLength("short").fits)
            let tooLong = await #expect(throws: ClientError.self) { try await app.client.send(random, to: "alice") }
            #expect(tooLong?.code == .messageTooLong)
            let empty = await #expect(throws: ClientError.self) { try await app.client.send("", to: "alice") }
            #expect(empty?.code == .messageTooLong)
            let unknown = await #expect(throws: ClientError.self) { try await app.client.send("hi", to: "mallory") }
            #expect(unknown?.code == .unknownRecipient)
            #expect(try await app.client.pendingMessageCount() == 0)
            #expect(try await app.client.conversations().isEmpty)
        }
    }

    @Test("a session left in the background longer than 5 minutes is locked at the next foreground")
    func autoLock() async throws {
        try await ReaderDeployment.withStartedApp(named: "auto-lock") { api, app in
            try await app.client.createSession(with: app.client.generatePassphrase())
            try await app.client.didEnterBackground()
            api.clock.advance(by: .seconds(300))
            try await app.client.didEnterForeground()
            #expect(await app.client.isUnlocked)
            try await app.client.didEnterBackground()
            api.clock.advance(by: .seconds(301))
            try await app.client.didEnterForeground()
            #expect(await !app.client.isUnlocked)
        }
    }

    @Test("messages older than 14 days are gone after lock; the vault stays the same size")
    func expiry() async throws {
        try await ReaderDeployment.withStartedApp(named: "expiry") { api, app in
            let passphrase = app.client.generatePassphrase()
            try await app.client.createSession(with: passphrase)
            try await app.client.send("old news", to: "alice")
            api.clock.advance(by: .seconds(13 * 86_400))
            try await app.client.send("recent", to: "alice")
            #expect(
                try await app.client.conversations().first?.messages.map(\.expiry) == [
                    .expiringSoon(remaining: .seconds(86_400)), .fresh,
                ])
            api.clock.advance(by: .seconds(86_400))
            await app.client.lock()
            try await app.client.didEnterBackground()
            try await app.client.unlock(passphrase)
            #expect(try await app.client.conversations().first?.messages.map(\.text) == ["recent"])
            #expect(try app.snapshot().files["vault"]?.size == 524_456)
        }
    }

    @Test("a truncated vault is replaced by a fresh random one at start")
    func truncatedVault() async throws {
        try await ReaderDeployment.withStartedApp(named: "truncated") { api, app in
            let passphrase = app.client.generatePassphrase()
            try await app.client.createSession(with: passphrase)
            try await app.client.didEnterBackground()
            let vault = app.folder.appendingPathComponent("vault")
            try Data(try Data(contentsOf: vault).prefix(1000)).write(to: vault)
            let restarted = try ReaderClient(
                configuration: api.clientConfiguration, directory: app.folder, clock: api.clock, transport: app.traffic)
            try await restarted.start()
            #expect(try app.snapshot().files["vault"]?.size == 524_456)
            let error = await #expect(throws: ClientError.self) { try await restarted.unlock(passphrase) }
            #expect(error?.code == .passphraseRejected)
        }
    }

    @Test("a vault that exists but cannot be read is never replaced: start fails, nothing is written, it opens later")
    func unreadableVault() async throws {
        try await ReaderDeployment.with { api in
            let app = try AppUnderTest(name: "unreadable", api: api)
            let passphrase = try await app.startAsSource(writing: "Do not lose this")
            // The vault's path fails to read (a symbolic link to itself: ELOOP). Tests run as root, so a chmod 000
            // would not stop the read; on a phone the same happens while data protection keeps the file closed.
            let vault = app.folder.appendingPathComponent("vault")
            let kept = api.folder.appendingPathComponent("kept-vault")
            try FileManager.default.moveItem(at: vault, to: kept)
            try FileManager.default.createSymbolicLink(atPath: vault.path, withDestinationPath: "vault")
            let before = try app.snapshot()
            api.clock.advance(by: .seconds(3600))
            let restarted = try ReaderClient(
                configuration: api.clientConfiguration, directory: app.folder, clock: api.clock, transport: app.traffic)
            let error = await #expect(throws: ClientError.self) { try await restarted.start() }
            #expect(error?.code == .storage)
            #expect(try app.snapshot() == before)
            let type = try FileManager.default.attributesOfItem(atPath: vault.path)[.type] as? FileAttributeType
            #expect(type == .typeSymbolicLink)

            try FileManager.default.removeItem(at: vault)
            try FileManager.default.moveItem(at: kept, to: vault)
            try await restarted.start()
            try await restarted.unlock(passphrase)
            #expect(try await restarted.conversations().first?.messages.map(\.text) == ["Do not lose this"])
        }
    }

    @Test("unsafe configurations are refused")
    func configuration() throws {
        let anchor = try SigningKeyPair<Role.Organization>.generate().selfSigned(
            notValidAfter: Timestamp(seconds: 2_000_000_000))
        let url = try #require(URL(string: "https://example.org"))
        var production = ClientConfiguration(apiBaseURL: url, messageBaseURL: url, trustAnchors: [anchor])
        try production.validate()
        for change in [
            { (c: inout ClientConfiguration) in c.cacheEnabled = false },
            { c in c.vaultKDF = .testOnly },
            { c in c.passphraseWordCount = 3 },
            { c in c.trustAnchors = [] },
            { c in c.messagesPerRun = 9 },
        ] {
            var changed = production
            change(&changed)
            #expect(throws: ClientError.self) { try changed.validate() }
        }
        production.environment = .development
        production.vaultKDF = .testOnly
        try production.validate()
    }
}
