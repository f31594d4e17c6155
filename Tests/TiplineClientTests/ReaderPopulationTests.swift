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
        try await LoopbackAPI.with { api in
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
            #expect(throws: SimulationError.self) { try ReaderPopulation(settings: settings) }
        }
    }
}

/// Counts the newsroom's replies across progress callbacks.
private actor Answered {
    private(set) var count = 0
    func add() { count += 1 }
}
