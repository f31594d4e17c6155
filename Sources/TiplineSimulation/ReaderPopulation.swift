public import Foundation
public import TiplineClient
public import TiplineCore

/// A population of simulated reader apps on a virtual clock: the load generator, the demo's crowd, and a way to
/// watch what a network observer would see of sources hidden among readers.
///
/// Every reader is a real ``ReaderClient`` with its own state folder, talking HTTP to a real server. Virtual time
/// advances by ``PopulationSettings/tick`` per step, so days pass in seconds; each step plays every reader's due
/// events (open, leave, background task) concurrently.
public actor ReaderPopulation {
    /// Where a run is, for progress displays.
    public struct Progress: Sendable {
        /// Virtual time reached.
        public let now: Timestamp
        /// Share of the run done, 0…1.
        public let fraction: Double
        /// The counts so far.
        public let report: PopulationReport
    }

    /// The settings of this population.
    public nonisolated let settings: PopulationSettings
    /// The virtual clock every reader shares.
    public nonisolated let clock: ManualWallClock
    /// The root of the readers' state folders.
    public nonisolated let root: URL
    private let ownsRoot: Bool
    private let readers: [SimulatedReader]

    /// Creates the readers' clients; nothing runs (and no folder is written) until ``run(progress:)``.
    /// - Parameters:
    ///   - clock: the virtual clock to advance; pass the clock of an in-process server to run both on the same
    ///     virtual time. By default a new clock starting at ``PopulationSettings/start`` (or now).
    ///   - transport: the HTTP stack every reader uses (each wraps it to count its own traffic).
    public init(
        settings: PopulationSettings, clock: ManualWallClock? = nil,
        transport: any HTTPTransport = URLSessionTransport()
    ) throws {
        try settings.validate()
        self.settings = settings
        let clock = clock ?? ManualWallClock(start: settings.start ?? SystemWallClock().now())
        self.clock = clock
        ownsRoot = settings.stateRoot == nil
        root =
            settings.stateRoot
            ?? FileManager.default.temporaryDirectory.appendingPathComponent("tipline-readers-\(UUID().uuidString)")
        readers = try (0..<settings.readers).map { [clock, root] index in
            try SimulatedReader(
                folder: root.appendingPathComponent(String(format: "reader-%05d", index + 1)),
                isSource: index < settings.sources, settings: settings, clock: clock, transport: transport)
        }
    }

    /// The state folder of reader `index` (0-based; sources come first).
    public nonisolated func stateFolder(ofReader index: Int) -> URL {
        root.appendingPathComponent(String(format: "reader-%05d", index + 1))
    }

    /// Runs the whole duration and returns the totals. `progress` is called after every step.
    public func run(progress: @Sendable (Progress) async -> Void = { _ in }) async -> PopulationReport {
        let start = clock.now()
        let end = start.adding(settings.duration)
        var report = PopulationReport()
        report.readers = settings.readers
        report.sources = settings.sources
        while clock.now() < end {
            report.add(await stepAll(at: clock.now()))
            clock.advance(by: settings.tick)
            report.virtualDuration = clock.now().duration(since: start)
            report.virtualNow = clock.now()
            let done = Double(report.virtualDuration.components.seconds) / Double(settings.duration.components.seconds)
            await progress(Progress(now: clock.now(), fraction: min(done, 1), report: report))
        }
        for reader in readers { report.add(await reader.finish()) }
        if ownsRoot { try? FileManager.default.removeItem(at: root) }
        return report
    }

    private func stepAll(at now: Timestamp) async -> PopulationReport {
        await withTaskGroup(of: PopulationReport.self) { group in
            var total = PopulationReport()
            var next = 0
            for reader in readers.prefix(settings.maxConcurrentReaders) {
                group.addTask { await reader.step(at: now) }
                next += 1
            }
            for await part in group {
                total.add(part)
                if next < readers.count {
                    let reader = readers[next]
                    group.addTask { await reader.step(at: now) }
                    next += 1
                }
            }
            return total
        }
    }
}

extension PopulationReport {
    /// Adds the event counts of `other` (not its readers, sources or times).
    mutating func add(_ other: PopulationReport) {
        appOpens += other.appOpens
        backgroundRuns += other.backgroundRuns
        messagesAttempted += other.messagesAttempted
        messagesSent += other.messagesSent
        realMessagesQueued += other.realMessagesQueued
        realMessagesSent += other.realMessagesSent
        repliesReceived += other.repliesReceived
        requests += other.requests
        bytesUp += other.bytesUp
        bytesDown += other.bytesDown
        errors += other.errors
    }
}
