import Testing
import TiplineCore
import TiplineTestSupport

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
            let log = CapturedLog()
            let clock = ManualClock()
            let running = Task { try await JournalistService(client: client, clock: clock, logger: log.logger).run() }
            defer { running.cancel() }
            try await eventually("the message to arrive", every: .milliseconds(10)) {
                try await client.inbox().count == 1 && clock.sleeperCount == 3
            }
            running.cancel()
            try await running.value
            let lines = log.all
            #expect(lines.allSatisfy { !$0.contains("new_messages") && !$0.contains("new_sources") }, "\(lines)")
        }
    }
}
