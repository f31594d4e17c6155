import Logging
import Synchronization
import Testing
import TiplineCore

@testable import TiplineJournalist

/// The service's log lives outside the encrypted vault: it must not say when and how many messages arrived
/// (issue 13, item 12).
@Suite("Journalist service log")
struct JournalistServiceLogTests {
    @Test func aSyncThatReceivesMessagesLogsNoMessageCounts() async throws {
        try await LoopbackDeployment.run { deployment in
            let client = try JournalistAPITests.journalist("lena", in: deployment)
            try await client.completeSetup()
            let reader = try EncryptionKeyPair<Role.User>.generate()
            try await deployment.publishDeadDrop([try await deployment.c2j("hello", from: reader, to: "lena")])
            let records = Records()
            let logger = Logger(label: "test") { _ in RecordingHandler(records: records) }
            let clock = ManualClock()
            let running = Task { try await JournalistService(client: client, clock: clock, logger: logger).run() }
            defer { running.cancel() }
            try await JournalistServiceTests.eventually("the message to arrive") {
                try await client.inbox().count == 1 && clock.sleeperCount == 3
            }
            running.cancel()
            try await running.value
            let lines = records.all
            #expect(lines.allSatisfy { !$0.contains("new_messages") && !$0.contains("new_sources") }, "\(lines)")
        }
    }
}

/// Log lines as `level message key=value…`.
private final class Records: Sendable {
    private let lines = Mutex<[String]>([])
    var all: [String] { lines.withLock { $0 } }
    func append(_ line: String) { lines.withLock { $0.append(line) } }
}

private struct RecordingHandler: LogHandler {
    let records: Records
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let fields = (event.metadata ?? [:]).map { "\($0.key)=\($0.value)" }.sorted()
        records.append(([event.level.rawValue, "\(event.message)"] + fields).joined(separator: " "))
    }
}
