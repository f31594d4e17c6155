import ArgumentParser
import Foundation
import TiplineAPI
import TiplineCore
import TiplineSimulation

/// `tipline readers`: a population of simulated reader apps against a running API, on a virtual clock.
struct ReadersCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "readers",
        abstract: "Run simulated reader apps (a few of them sources) against an API, hours passing in seconds.")

    @Option(help: "The API root, without /v1.")
    var api = "http://127.0.0.1:3000"

    @Option(help: "The host serving POST /user/messages (default: the API root).")
    var messages: String?

    @Option(help: "A JSON array of trusted, self-signed organisation keys (what the apps bundle).")
    var trustAnchors: String

    @Option(help: "Number of reader apps.")
    var readers = 20

    @Option(help: "How many of them are sources.")
    var sources = 2

    @Option(help: "Whom sources write to (default: the default recipient, else the first listed).")
    var journalist: String?

    @Option(help: "Messages each source writes.")
    var messagesPerSource = 1

    @Option(help: "What sources write (default: \"Tip N from a simulated source.\").")
    var messageText: String?

    @Option(help: "Virtual days to simulate.")
    var days = 2.0

    @Option(help: "Virtual minutes per simulation step.")
    var tickMinutes = 5

    @Option(help: "Mean app opens per reader per virtual day.")
    var opensPerDay = 4.0

    @Option(help: "Keep the apps' state folders here (default: a temporary folder, removed at the end).")
    var state: String?

    @Option(help: "Apps stepped concurrently.")
    var concurrency = 16

    @Flag(help: "Give app N its own loopback address 127.A.B.C (each part 100…255) on the API's port.")
    var perAppAddresses = false

    @Option(help: "With --per-app-addresses: add this to each app's number (several populations, one capture).")
    var addressOffset = 0

    @Option(help: "Pace the run: real seconds per simulation step (default: as fast as possible).")
    var realSecondsPerTick: Double?

    @Option(help: "Virtual days before sources first write (until then they use the app like everybody else).")
    var sourcesStartDays = 0.0

    @Option(help: "Comma-separated virtual days at which to describe every state folder (needs --state).")
    var snapshotDays: String?

    @Option(help: "How many sources write long messages until their vault overflows.")
    var overfullSources = 0

    @Option(
        help: ArgumentHelp(
            "TEST ONLY: make the sources leak (\(TrafficLeak.allCases.map(\.rawValue).joined(separator: ", "))).",
            visibility: .hidden))
    var testLeak: String?

    @Option(help: "Write the run's manifest (which app is a source, time scale, snapshots) to this JSON file.")
    var manifest: String?

    func run() async throws {
        guard let apiRoot = URL(string: api), let messageRoot = URL(string: messages ?? api) else {
            throw ValidationError("--api and --messages must be URLs.")
        }
        let settings = PopulationSettings(
            apiBaseURL: apiRoot.appendingPathComponent("v1"), messageBaseURL: messageRoot,
            trustAnchors: try TrustAnchors.load(path: trustAnchors), readers: readers, sources: sources,
            journalistId: journalist, messagesPerSource: messagesPerSource, duration: .seconds(days * 86_400),
            tick: .seconds(tickMinutes * 60), opensPerDay: opensPerDay,
            stateRoot: state.map { URL(fileURLWithPath: $0, isDirectory: true) }, maxConcurrentReaders: concurrency,
            messageText: messageText)
        let population = try ReaderPopulation(settings: try harnessSettings(settings))
        let printer = ProgressPrinter()
        let report = await population.run { progress in await printer.show(progress) }
        print(report)
        if let manifest {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            try encoder.encode(await population.manifest).write(to: URL(fileURLWithPath: manifest))
        }
    }

    /// Adds the anonymity harness's options to `settings`.
    private func harnessSettings(_ settings: PopulationSettings) throws -> PopulationSettings {
        var settings = settings
        settings.perAppAddresses = perAppAddresses
        settings.appAddressOffset = addressOffset
        settings.realTimePerTick = realSecondsPerTick.map { .seconds($0) }
        settings.sourcesStartAfter = .seconds(sourcesStartDays * 86_400)
        settings.overfullSources = overfullSources
        settings.snapshotMoments = try (snapshotDays?.split(separator: ",") ?? []).map { day in
            guard let days = Double(day.trimmingCharacters(in: .whitespaces)) else {
                throw ValidationError("--snapshot-days takes numbers separated by commas.")
            }
            return .seconds(days * 86_400)
        }
        if let testLeak {
            guard let leak = TrafficLeak(rawValue: testLeak) else { throw ValidationError("unknown --test-leak") }
            settings.testLeak = leak
        }
        return settings
    }
}

/// Prints a line every 10% of the run.
private actor ProgressPrinter {
    private var nextTenth = 1

    func show(_ progress: ReaderPopulation.Progress) {
        guard progress.fraction * 10 >= Double(nextTenth) else { return }
        nextTenth = Int(progress.fraction * 10) + 1
        let report = progress.report
        print(
            "\(Int(progress.fraction * 100))% \(progress.now.rfc3339): \(report.messagesSent) messages sent, "
                + "\(report.realMessagesQueued) real queued, \(report.errors) errors")
    }
}
