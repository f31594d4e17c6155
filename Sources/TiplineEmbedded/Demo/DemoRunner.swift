import Foundation
import Logging
import TiplineAPI
import TiplineAPIClient
import TiplineCore
import TiplineCoverNode
import TiplineJournalist
import TiplineSimulation

/// `tipline demo`: the whole system on the embedded default, a crowd of simulated readers with a few sources
/// among them, and journalists who read and answer — told as it happens, then summed up.
package struct DemoRunner: Sendable {
    /// Simulated reader apps.
    package var readers: Int
    /// How many of them are sources.
    package var sources: Int
    /// Virtual days simulated.
    package var days: Int
    /// Where the story is told, line by line.
    package var narrate: @Sendable (String) -> Void
    let recipient = "alice_reporter"

    /// Creates a demo of `readers` apps, `sources` of them sources, over `days` virtual days.
    package init(
        readers: Int, sources: Int, days: Int,
        narrate: @escaping @Sendable (String) -> Void = { FileHandle.standardOutput.write(Data(($0 + "\n").utf8)) }
    ) {
        self.readers = readers
        self.sources = sources
        self.days = days
        self.narrate = narrate
    }

    /// Runs the demo; returns whether every real message and reply was delivered exactly once.
    package func run() async throws -> Bool {
        let workspace = FileManager.default.temporaryDirectory.appendingPathComponent(
            "tipline-demo-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: workspace, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: workspace) }
        // The demo must finish in seconds: it runs the development mixing profile, and says so.
        MixingProfile.warnDevelopment()
        let server = EmbeddedServer(
            dataDirectory: workspace.appendingPathComponent("server").path, port: 0, mixing: .test, logLevel: .critical)
        let (urls, ready) = AsyncStream.makeStream(of: String.self)
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await server.run { ready.yield($0) } }
            var iterator = urls.makeAsyncIterator()
            guard let url = await iterator.next() else { return false }
            narrate("1. Server up at \(url): API, appender and CoverNode in one process, development keys.")
            let delivered = try await story(url: url, server: server, workspace: workspace)
            group.cancelAll()
            return delivered
        }
    }

    private func story(url: String, server: EmbeddedServer, workspace: URL) async throws -> Bool {
        let api = APIClient(baseURL: url)
        let newsroom = try await DemoNewsroom.onboard(keys: server.keysDirectory, workspace: workspace, api: api)
        narrate(
            "2. Key ceremony: \(DemoNewsroom.profiles.map(\.displayName).joined(separator: " and ")) onboarded from setup bundles into encrypted vaults."
        )
        let anchors = try TrustAnchors.load(path: server.trustAnchorsPath)
        guard let base = URL(string: url), let journalist = newsroom.journalists[recipient] else { return false }
        let settings = PopulationSettings(
            apiBaseURL: base.appendingPathComponent("v1"), messageBaseURL: base, trustAnchors: anchors,
            readers: readers, sources: sources, journalistId: recipient, messagesPerSource: 1,
            duration: .seconds(Int64(days) * 86_400), tick: .seconds(600))
        narrate(
            "3. \(readers) reader apps start; \(sources) of them are sources writing to Alice. Every app sends the same cover traffic."
        )
        let desk = DemoDesk(journalist: journalist, api: api, expectedMessages: sources, narrate: narrate)
        let population = try ReaderPopulation(settings: settings)
        let report = await population.run { progress in
            await desk.step(progress: progress)
        }
        let summary = try await DemoSummary(report: report, desk: desk, api: api)
        narrate(summary.text)
        return summary.deliveredExactlyOnce
    }
}
