import Foundation
import Testing
import TiplineClient
import TiplineCore
import TiplineSimulation

/// The simulator as a library: a small population on the real API, the newsroom answering from the progress callback.
@Suite("Reader population")
struct ReaderPopulationTests {
    @Test("sources hide among readers: every real message is sent in place of cover and every reply arrives")
    func population() async throws {
        try await ReaderDeployment.with { api in
            let newsroom = NewsroomHarness(api: api)
            let configuration = api.clientConfiguration
            let settings = PopulationSettings(
                apiBaseURL: configuration.apiBaseURL, messageBaseURL: configuration.messageBaseURL,
                trustAnchors: configuration.trustAnchors, readers: 4, sources: 2, journalistId: "alice",
                duration: .seconds(2 * 86_400), tick: .seconds(1200), opensPerDay: 8,
                stateRoot: api.folder.appendingPathComponent("population"),
                messageText: "Ask the mayor about the <b>second</b> contract.")
            // The readers, the API and the newsroom share one virtual clock.
            let population = try ReaderPopulation(settings: settings, clock: api.clock)
            let start = api.clock.now()
            let answered = Answered()
            let report = await population.run { progress in
                // Once a virtual hour the newsroom forwards, answers and publishes.
                guard progress.now.duration(since: start).components.seconds % 3600 == 0 else { return }
                do {
                    try await newsroom.forwardUserMessages()
                    for message in try await newsroom.inbox(of: "alice") {
                        #expect(message.text == "Ask the mayor about the <b>second</b> contract.")
                        try await newsroom.reply(from: "alice", .message(.init(text: "Thanks!")), to: message.replyKey)
                        await answered.add()
                    }
                    try await newsroom.publishUserDeadDrop()
                } catch {
                    Issue.record("newsroom: \(error)")
                }
            }
            #expect(report.readers == 4 && report.sources == 2)
            #expect(report.errors == 0)
            #expect(report.virtualDuration == .seconds(2 * 86_400))
            #expect(report.realMessagesQueued == 2)
            #expect(report.realMessagesSent == 2)
            #expect(await answered.count == 2)
            #expect(report.repliesReceived == 2)
            #expect(report.messagesSent > 8 && report.messagesSent == report.messagesAttempted)
            #expect(report.realShare == 2 / Double(report.messagesSent))
            #expect(await newsroom.coverMessagesSeen == report.messagesSent - 2)
            #expect(report.bytesPerAppPerDay > 0)
            #expect(report.description.contains("real share"))
            // Each reader kept its own state folder with the same file set.
            let fileSets = try Set(
                (0..<4).map { try StateSnapshot(of: population.stateFolder(ofReader: $0)).files.keys.sorted() })
            #expect(fileSets.count == 1)
        }
    }

    @Test("the anonymity harness's run: snapshots at fixed moments, a manifest, over-full sources keep their sizes")
    func harnessRun() async throws {
        try await ReaderDeployment.with { api in
            let configuration = api.clientConfiguration
            var settings = PopulationSettings(
                apiBaseURL: configuration.apiBaseURL, messageBaseURL: configuration.messageBaseURL,
                trustAnchors: configuration.trustAnchors, readers: 4, sources: 2, journalistId: "alice",
                duration: .seconds(86_400), tick: .seconds(1200), opensPerDay: 24,
                stateRoot: api.folder.appendingPathComponent("harness"))
            settings.overfullSources = 1
            settings.sourcesStartAfter = .seconds(43_200)
            settings.snapshotMoments = [.seconds(36_000), .seconds(86_400)]
            let population = try ReaderPopulation(settings: settings, clock: api.clock)
            let report = await population.run()
            #expect(report.errors == 0)
            #expect(report.realMessagesQueued > 1)
            let manifest = await population.manifest
            #expect(manifest.apps.map(\.isSource) == [true, true, false, false])
            #expect(manifest.apps.map(\.isOverfull) == [true, false, false, false])
            #expect(manifest.stepStarts.count == 72)
            #expect(manifest.snapshots.map(\.virtualOffset) == [36_000, 86_400])
            for snapshot in manifest.snapshots {
                let lines = try String(
                    contentsOf: population.root.appendingPathComponent(snapshot.file), encoding: .utf8
                ).split(separator: "\n")
                let records = try lines.map { try JSONDecoder().decode(SnapshotRecord.self, from: Data($0.utf8)) }
                #expect(records.map(\.app) == [1, 2, 3, 4])
                // Every app, the over-full source included, has the same vault and queue sizes.
                let sizes = Set(records.map { $0.files.filter { ["vault", "queue"].contains($0.name) }.map(\.size) })
                #expect(sizes.count == 1)
                #expect(records.allSatisfy { $0.files.allSatisfy { $0.byteCounts.reduce(0, +) == $0.size } })
            }
        }
    }

    @Test("per-app addresses: distinct, all of the same length, on the API's port")
    func perAppAddresses() throws {
        let anchor = try SigningKeyPair<Role.Organization>.generate().selfSigned(
            notValidAfter: Timestamp(seconds: 2_000_000_000))
        let api = try #require(URL(string: "http://127.0.0.1:8080/v1"))
        let messages = try #require(URL(string: "http://127.0.0.1:8080"))
        var settings = PopulationSettings(apiBaseURL: api, messageBaseURL: messages, trustAnchors: [anchor])
        #expect(settings.appURLs(ofApp: 7).api == api)
        settings.perAppAddresses = true
        settings.appAddressOffset = 30_000
        let urls = (1...2_000).map { settings.appURLs(ofApp: $0) }
        #expect(Set(urls.map(\.api.absoluteString)).count == 2_000)
        #expect(Set(urls.map(\.api.absoluteString.count)).count == 1)
        #expect(urls[0].api.absoluteString == "http://127.101.136.149:8080/v1")
        #expect(urls[0].messages.absoluteString == "http://127.101.136.149:8080")
    }

    @Test("settings out of range are refused")
    func invalidSettings() throws {
        let anchor = try SigningKeyPair<Role.Organization>.generate().selfSigned(
            notValidAfter: Timestamp(seconds: 2_000_000_000))
        let url = try #require(URL(string: "http://127.0.0.1:1"))
        for settings in [
            PopulationSettings(apiBaseURL: url, messageBaseURL: url, trustAnchors: [anchor], readers: 0),
            PopulationSettings(apiBaseURL: url, messageBaseURL: url, trustAnchors: [anchor], readers: 2, sources: 3),
            PopulationSettings(apiBaseURL: url, messageBaseURL: url, trustAnchors: [anchor], tick: .zero),
            PopulationSettings(apiBaseURL: url, messageBaseURL: url, trustAnchors: []),
            PopulationSettings(
                apiBaseURL: url, messageBaseURL: url, trustAnchors: [anchor],
                messageText: SecureRandom.bytes(2_000).map { String(format: "%02x", $0) }.joined()),
        ] {
            let error = #expect(throws: SimulationError.self) { try ReaderPopulation(settings: settings) }
            #expect(error?.code == .invalidArgument)
        }
        let valid = PopulationSettings(apiBaseURL: url, messageBaseURL: url, trustAnchors: [anchor], sources: 2)
        for change in [
            { (settings: inout PopulationSettings) in settings.overfullSources = 3 },
            { $0.snapshotMoments = [.seconds(3 * 86_400)] },
            { $0.snapshotMoments = [.seconds(3_600)] },  // no state folder
            { $0.realTimePerTick = .zero },
            { $0.sourcesStartAfter = .seconds(-1) },
        ] {
            var settings = valid
            change(&settings)
            let error = #expect(throws: SimulationError.self) { try ReaderPopulation(settings: settings) }
            #expect(error?.code == .invalidArgument)
        }
    }
}

/// Counts the newsroom's replies across progress callbacks.
private actor Answered {
    private(set) var count = 0
    func add() { count += 1 }
}
