import Foundation
import TiplineClient
import TiplineCore

/// One simulated reader: a real ``ReaderClient`` with its own state folder, the OS's part (foreground, background,
/// background tasks) and, for sources, the person writing to a journalist.
actor SimulatedReader {
    let isSource: Bool
    let client: ReaderClient
    private let traffic: RecordingTransport
    private let scheduler: VirtualBackgroundScheduler
    private let settings: PopulationSettings
    private var started = false
    private var foregroundUntil: Timestamp?
    private var nextOpen: Timestamp
    private var passphrase: Passphrase?
    private var messagesWritten = 0
    private var tally = PopulationReport()

    init(
        folder: URL, isSource: Bool, settings: PopulationSettings, clock: any WallClock, transport: any HTTPTransport
    ) throws {
        self.isSource = isSource
        self.settings = settings
        traffic = RecordingTransport(forwardingTo: transport)
        scheduler = VirtualBackgroundScheduler()
        let configuration = ClientConfiguration(
            environment: .development, apiBaseURL: settings.apiBaseURL, messageBaseURL: settings.messageBaseURL,
            trustAnchors: settings.trustAnchors, vaultKDF: settings.vaultKDF)
        client = try ReaderClient(
            configuration: configuration, directory: folder, clock: clock, transport: traffic, scheduler: scheduler)
        nextOpen = clock.now().adding(Self.meanGap(settings) * Double.random(in: 0..<1))
    }

    private static func meanGap(_ settings: PopulationSettings) -> Duration { .seconds(86_400 / settings.opensPerDay) }

    /// Plays whatever is due at `now`: leaving the app, opening it, or a background task the OS grants.
    /// - Returns: the counts of this step.
    func step(at now: Timestamp) async -> PopulationReport {
        if let until = foregroundUntil {
            if now >= until {
                await attempt { try await client.didEnterBackground() }
                foregroundUntil = nil
                let gap =
                    Double(Self.meanGap(settings).components.seconds) * -Foundation.log(1 - Double.random(in: 0..<1))
                nextOpen = now.adding(.seconds(max(gap, 60)))
            }
        } else if now >= nextOpen {
            tally.appOpens += 1
            await attempt {
                if started { try await client.didEnterForeground() } else { try await client.start() }
            }
            started = await client.hasStarted
            foregroundUntil = now.adding(settings.foregroundTime)
            if isSource, started { await write() }
        } else if started, scheduler.takeIfDue(at: now) {
            tally.backgroundRuns += 1
            await attempt { try await client.runBackgroundTask() }
        }
        return drainTally()
    }

    /// The source's part while the app is open: start a session on the first open, then unlock each time, write
    /// until `messagesPerSource` are written, lock.
    private func write() async {
        await attempt {
            if let passphrase {
                try await client.unlock(passphrase)
            } else {
                let fresh = client.generatePassphrase()
                try await client.createSession(with: fresh)
                passphrase = fresh
            }
            if messagesWritten < settings.messagesPerSource, let recipient = await recipient() {
                let text = settings.messageText ?? "Tip \(messagesWritten + 1) from a simulated source."
                try await client.send(text, to: recipient)
                messagesWritten += 1
                tally.realMessagesQueued += 1
            }
        }
        await client.lock()
    }

    /// Unlocks once more to count real messages still queued and replies received.
    func finish() async -> PopulationReport {
        if isSource, let passphrase {
            await attempt {
                try await client.unlock(passphrase)
                let pending = try await client.pendingMessageCount()
                let replies = try await client.conversations().flatMap(\.messages).filter { $0.direction == .received }
                tally.realMessagesSent += messagesWritten - pending
                tally.repliesReceived += replies.count
            }
            await client.lock()
        }
        return drainTally()
    }

    private func recipient() async -> String? {
        if let id = settings.journalistId { return id }
        let recipients = await client.recipients()
        return recipients.defaultRecipientId ?? (recipients.journalists + recipients.desks).first?.id
    }

    private func attempt(_ body: () async throws -> Void) async {
        do { try await body() } catch { tally.errors += 1 }
    }

    private func drainTally() -> PopulationReport {
        for record in traffic.drain() {
            tally.requests += 1
            tally.bytesUp += record.requestBytes
            tally.bytesDown += record.responseBytes
            if record.method == "POST", record.endpoint.hasSuffix("/user/messages") {
                tally.messagesAttempted += 1
                if let status = record.status, (200..<300).contains(status) { tally.messagesSent += 1 }
            }
        }
        defer { tally = PopulationReport() }
        return tally
    }
}
