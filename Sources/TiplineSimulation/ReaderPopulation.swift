package import Foundation
package import TiplineClient
package import TiplineCore

/// A population of simulated reader apps on a virtual clock: the load generator, the demo's crowd, and a way to
/// watch what a network observer would see of sources hidden among readers.
///
/// Every reader is a real ``ReaderClient`` with its own state folder, talking HTTP to a real server. Virtual time
/// advances by ``PopulationSettings/tick`` per step, so days pass in seconds; each step plays every reader's due
/// events (open, leave, background task) concurrently.
package actor ReaderPopulation {
    /// Where a run is, for progress displays.
    package struct Progress: Sendable {
        /// Virtual time reached.
        package let now: Timestamp
        /// Share of the run done, 0…1.
        package let fraction: Double
        /// The counts so far.
        package let report: PopulationReport
    }

    /// The settings of this population.
    package nonisolated let settings: PopulationSettings
    /// The virtual clock every reader shares.
    package nonisolated let clock: ManualWallClock
    /// The root of the readers' state folders.
    package nonisolated let root: URL
    private let ownsRoot: Bool
    private let readers: [SimulatedReader]

    /// Creates the readers' clients; nothing runs (and no folder is written) until ``run(progress:)``.
    /// - Parameters:
    ///   - clock: the virtual clock to advance; pass the clock of an in-process server to run both on the same
    ///     virtual time. By default a new clock starting at ``PopulationSettings/start`` (or now).
    ///   - transport: the HTTP stack every reader uses (each wraps it to count its own traffic).
    package init(
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
        readers = try (1...settings.readers).map { [clock, root] index in
            try SimulatedReader(
                index: index, folder: root.appendingPathComponent(String(format: "reader-%05d", index)),
                settings: settings, clock: clock, transport: transport)
        }
        manifest = PopulationManifest(
            tickSeconds: settings.tick.seconds, realSecondsPerTick: settings.realTimePerTick?.seconds,
            virtualStart: clock.now().duration(since: Timestamp(seconds: 0)).seconds,
            testLeak: settings.testLeak?.rawValue,
            apps: (1...settings.readers).map { index in
                PopulationManifest.App(
                    index: index,
                    address: settings.perAppAddresses ? settings.loopbackAddress(ofApp: index) : nil,
                    isSource: index <= settings.sources, isOverfull: index <= settings.overfullSources)
            })
    }

    /// The ground truth and time scale of the run so far (complete once ``run(progress:)`` returned).
    package private(set) var manifest: PopulationManifest

    /// The state folder of reader `index` (0-based; sources come first).
    package nonisolated func stateFolder(ofReader index: Int) -> URL {
        root.appendingPathComponent(String(format: "reader-%05d", index + 1))
    }

    /// Runs the whole duration and returns the totals. `progress` is called after every step.
    package func run(progress: @Sendable (Progress) async -> Void = { _ in }) async -> PopulationReport {
        let start = clock.now()
        let end = start.adding(settings.duration)
        var report = PopulationReport()
        report.readers = settings.readers
        report.sources = settings.sources
        var pace = Pace(perStep: settings.realTimePerTick)
        var moments = settings.snapshotMoments.sorted()[...]
        while clock.now() < end {
            await pace.waitForNextStep(&report)
            manifest.stepStarts.append(Date().timeIntervalSince1970)
            report.add(await stepAll(at: clock.now()))
            clock.advance(by: settings.tick)
            report.virtualDuration = clock.now().duration(since: start)
            report.virtualNow = clock.now()
            while let moment = moments.first, report.virtualDuration >= moment {
                moments.removeFirst()
                await takeSnapshot(number: manifest.snapshots.count + 1, at: moment, report: &report)
                pace.restart()
            }
            let done = Double(report.virtualDuration.components.seconds) / Double(settings.duration.components.seconds)
            await progress(Progress(now: clock.now(), fraction: min(done, 1), report: report))
        }
        for reader in readers { report.add(await reader.finish()) }
        manifest.lateSteps = report.lateSteps
        manifest.maxLatenessSeconds = report.maxLateness.seconds
        if ownsRoot { try? FileManager.default.removeItem(at: root) }
        return report
    }

    /// Describes every app's state folder into `snapshots/snapshot-N.jsonl` under the root (a folder that cannot be
    /// read counts as an error).
    private func takeSnapshot(number: Int, at moment: Duration, report: inout PopulationReport) async {
        let name = "snapshots/snapshot-\(number).jsonl"
        let file = root.appendingPathComponent(name)
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        encoder.dateEncodingStrategy = .secondsSince1970
        var lines = Data()
        // Nothing runs while the folders are read: the whole snapshot is one moment.
        let takenAt = Date()
        for reader in readers {
            let record = try? SnapshotRecord(
                app: reader.index, folder: stateFolder(ofReader: reader.index - 1), lifecycle: await reader.lifecycle,
                takenAt: takenAt)
            guard let record, let line = try? encoder.encode(record) else {
                report.errors += 1
                continue
            }
            lines.append(line + Data("\n".utf8))
        }
        do {
            try FileManager.default.createDirectory(
                at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try lines.write(to: file)
            manifest.snapshots.append(.init(virtualOffset: moment.seconds, file: name))
        } catch {
            report.errors += 1
        }
    }

    private func stepAll(at now: Timestamp) async -> PopulationReport {
        // A fresh order every step: no app is systematically served first (sources are the first apps).
        let readers = readers.shuffled()
        return await withTaskGroup(of: PopulationReport.self) { group in
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
        overfullTrimmed += other.overfullTrimmed
    }
}
