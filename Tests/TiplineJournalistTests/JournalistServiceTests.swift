import Foundation
import Logging
import Testing
import TiplineCore
import TiplineTestSupport

@testable import TiplineJournalist

/// The long-running service on a manual clock against the real API: exactly one J2C per interval, real or cover.
@Suite("Journalist service")
struct JournalistServiceTests {
    @Test func senderPostsOneJ2COfTheSameSizePerIntervalWithOrWithoutReplies() async throws {
        try await LoopbackDeployment.run { deployment in
            let (client, _) = try await JournalistAPITests.registeredWithSource("jane", text: "hello", in: deployment)
            let clock = ManualClock()
            let service = JournalistService(client: client, clock: clock, logger: Logger(label: "test"))
            let running = Task { try await service.run() }
            defer { running.cancel() }
            // The three loops (sync, sender, keys) are asleep once the first sync and key check are done.
            try await eventually("the loops to start", every: .milliseconds(10)) {
                let sources = try await client.inbox().count
                return clock.sleeperCount == 3 && sources == 1
            }

            var expected = 0
            func tick(_ duration: Duration = .seconds(60), posts: Int) async throws {
                clock.advance(by: duration)
                expected += posts
                let target = expected
                try await eventually("\(target) J2C messages", every: .milliseconds(10)) {
                    let count = try await deployment.journalistMessages().count
                    return clock.sleeperCount == 3 && count == target
                }
            }
            try await tick(posts: 1)
            try await client.queueReply(to: "1", text: "thanks, received")
            try await tick(.seconds(30), posts: 0)
            try await tick(.seconds(30), posts: 1)
            try await tick(posts: 1)
            try await tick(.seconds(180), posts: 1)  // slots missed while asleep are skipped, not sent in a burst

            let posted = try await deployment.journalistMessages()
            #expect(posted.allSatisfy { $0.count == MessageSizes.journalistToCoverNodeEncrypted })
            let kinds = try posted.map { message -> String in
                if case .real = try deployment.openJ2C(message) { "real" } else { "cover" }
            }
            #expect(kinds == ["cover", "real", "cover", "cover"])

            running.cancel()
            try await running.value
            #expect(try await client.status().queuedReplies == 0)
        }
    }
}
