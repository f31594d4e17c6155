import Foundation
import TiplineClient
import TiplineCore

/// One simulated reader: a real ``ReaderClient`` with its own state folder, the OS's part (foreground, background,
/// background tasks) and, for sources, the person writing to a journalist.
actor SimulatedReader {
    let index: Int
    let isSource: Bool
    let isOverfull: Bool
    let client: ReaderClient
    private let traffic: RecordingTransport
    private let leaky: LeakyTransport
    private let scheduler: VirtualBackgroundScheduler
    private let settings: PopulationSettings
    private let sourcesFrom: Timestamp
    private var started = false
    private var foregroundUntil: Timestamp?
    private var nextOpen: Timestamp
    private var passphrase: Passphrase?
    private var messagesWritten = 0
    private var tally = PopulationReport()
    /// The real times of this app's lifecycle events, as the phone's OS would log them.
    private(set) var lifecycle = AppLifecycle()

    /// - Parameter index: 1-based number of the app (its folder and, with per-app addresses, its address).
    init(
        index: Int, folder: URL, settings: PopulationSettings, clock: any WallClock, transport: any HTTPTransport
    ) throws {
        self.index = index
        isSource = index <= settings.sources
        isOverfull = index <= settings.overfullSources
        self.settings = settings
        let urls = settings.appURLs(ofApp: index)
        traffic = RecordingTransport(forwardingTo: transport)
        leaky = LeakyTransport(
            leak: isSource ? settings.testLeak : nil, statusURL: urls.api.appendingPathComponent("status"),
            forwardingTo: traffic)
        scheduler = VirtualBackgroundScheduler()
        let configuration = ClientConfiguration(
            environment: .development, apiBaseURL: urls.api, messageBaseURL: urls.messages,
            trustAnchors: settings.trustAnchors, vaultKDF: settings.vaultKDF)
        client = try ReaderClient(
            configuration: configuration, directory: folder, clock: clock, transport: leaky, scheduler: scheduler)
        let now = clock.now()
        sourcesFrom = now.adding(settings.sourcesStartAfter)
        nextOpen = now.adding(Self.meanGap(settings) * Double.random(in: 0..<1))
    }

    private static func meanGap(_ settings: PopulationSettings) -> Duration { .seconds(86_400 / settings.opensPerDay) }

    /// Plays whatever is due at `now`: leaving the app, opening it, or a background task the OS grants.
    /// - Returns: the counts of this step.
    func step(at now: Timestamp) async -> PopulationReport {
        if let until = foregroundUntil {
            if now >= until {
                lifecycle.lastBackground = Date()
                await attempt { try await client.didEnterBackground() }
                foregroundUntil = nil
                let gap =
                    Double(Self.meanGap(settings).components.seconds) * -Foundation.log(1 - Double.random(in: 0..<1))
                nextOpen = now.adding(.seconds(max(gap, 60)))
            }
        } else if now >= nextOpen {
            tally.appOpens += 1
            lifecycle.lastForeground = Date()
            await attempt {
                if started { try await client.didEnterForeground() } else { try await client.start() }
            }
            if !started, await client.hasStarted { lifecycle.firstStart = lifecycle.lastForeground }
            started = await client.hasStarted
            foregroundUntil = now.adding(settings.foregroundTime)
            if isSource, started, now >= sourcesFrom { await write() }
        } else if started, scheduler.takeIfDue(at: now) {
            tally.backgroundRuns += 1
            lifecycle.lastBackgroundRun = Date()
            await attempt { try await client.runBackgroundTask() }
        }
        return drainTally()
    }

    /// The source's part while the app is open: start a session on the first open, then unlock each time, write,
    /// lock. A source writes its next message once a reply to the previous one arrived, up to `messagesPerSource`;
    /// an over-full source writes long messages at every open, as many as the sending queue takes (up to 4).
    private func write() async {
        await attempt {
            if let passphrase {
                try await client.unlock(passphrase)
            } else {
                let fresh = client.generatePassphrase()
                try await client.createSession(with: fresh)
                passphrase = fresh
            }
            guard let recipient = await recipient() else { return }
            if isOverfull {
                for _ in 0..<4 {
                    guard try await client.pendingMessageCount() < PrivateSendingQueue.capacity else { break }
                    try await send(OverfullText.make(number: messagesWritten + 1), to: recipient)
                }
            } else if messagesWritten < settings.messagesPerSource, try await repliesReceived() >= messagesWritten {
                try await send(
                    settings.messageText ?? "Tip \(messagesWritten + 1) from a simulated source.", to: recipient)
            }
        }
        await client.lock()
    }

    private func send(_ text: String, to recipient: String) async throws {
        try await client.send(text, to: recipient)
        messagesWritten += 1
        tally.realMessagesQueued += 1
        leaky.realMessageQueued()
        if isSource, settings.testLeak == .immediateSend {
            let cover = try UserToCoverNodeMessage.sealCover(
                to: await client.verifiedKeys().latestCoverNodeMessagingKeys)
            _ = try await leaky.postJSON(
                settings.appURLs(ofApp: index).messages.appendingPathComponent("user/messages"),
                body: Data(("\"" + Base64.encodePadded(cover) + "\"").utf8))
        }
    }

    private func repliesReceived() async throws -> Int {
        try await client.conversations().flatMap(\.messages).filter { $0.direction == .received }.count
    }

    /// Unlocks once more to count real messages still queued and replies received, and whether an over-full
    /// source's vault dropped its oldest messages.
    func finish() async -> PopulationReport {
        if isSource, let passphrase {
            await attempt {
                try await client.unlock(passphrase)
                let pending = try await client.pendingMessageCount()
                tally.realMessagesSent += messagesWritten - pending
                tally.repliesReceived += try await repliesReceived()
                if isOverfull {
                    let kept = try await client.conversations().flatMap(\.messages).filter { $0.direction == .sent }
                    if kept.count < messagesWritten { tally.overfullTrimmed += 1 }
                }
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
