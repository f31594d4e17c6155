import Foundation
import Testing
import TiplineClient
import TiplineCore
import TiplineSimulation

/// `spec/CLIENT.md` §15: a source and a non-user, side by side on the real API for three virtual days.
@Suite("Deniability")
struct DeniabilityTests {
    @Test("a source and a non-user leave the same files, write them at the same moments and send the same traffic")
    func sideBySide() async throws {
        try await ReaderDeployment.with { api in
            let newsroom = NewsroomHarness(api: api)
            var twins = TwinApps(
                source: try AppUnderTest(name: "source", api: api),
                nonUser: try AppUnderTest(name: "non-user", api: api))
            let day0 = api.clock.now()
            var passphrase: Passphrase?
            var received: [NewsroomHarness.Received] = []

            for day in 0..<3 {
                api.clock.set(day0.adding(.seconds(Int64(day) * 86_400)))
                try await twins.lifecycle("day \(day) open") { try await $0.start() }
                switch day {
                case 0:
                    try await twins.sessionOnly("create and write") { client in
                        let fresh = client.generatePassphrase()
                        try await client.createSession(with: fresh)
                        try await client.send("A first tip for Alice.", to: "alice")
                        try await client.send("And a second one.", to: "alice")
                        passphrase = fresh
                    }
                case 1:
                    try await twins.sessionOnly("unlock, read and answer") { client in
                        try await client.unlock(try #require(passphrase))
                        let replies = try await client.conversations().flatMap(\.messages).filter {
                            $0.direction == .received
                        }
                        #expect(replies.map(\.text) == ["Thank you, tell me more."])
                        try await client.send("Here is more.", to: "alice")
                        await client.lock()
                    }
                default:
                    try await twins.sessionOnly("unlock with a typo, then unlock and leave it open") { client in
                        await #expect(throws: ClientError.self) {
                            try await client.unlock("correct horse battery staple extra")
                        }
                        try await client.unlock(try #require(passphrase))
                    }
                }
                api.clock.advance(by: .seconds(300))
                try await twins.lifecycle("day \(day) leave") { try await $0.didEnterBackground() }
                for hour in 1...3 {
                    api.clock.set(day0.adding(.seconds(Int64(day) * 86_400 + Int64(hour) * 3600 + 600)))
                    try await twins.lifecycle("day \(day) background task \(hour)") {
                        _ = try await $0.runBackgroundTask()
                    }
                    try await newsroom.forwardUserMessages()
                    received += try await newsroom.inbox(of: "alice")
                    if day == 0, hour == 1, let first = received.first {
                        try await newsroom.reply(
                            from: "alice", .message(.init(text: "Thank you, tell me more.")), to: first.replyKey)
                    }
                    try await newsroom.publishUserDeadDrop()
                }
                api.clock.set(day0.adding(.seconds(Int64(day) * 86_400 + 12 * 3600)))
                try await twins.lifecycle("day \(day) midday open") { try await $0.didEnterForeground() }
                api.clock.advance(by: .seconds(120))
                try await twins.lifecycle("day \(day) midday leave") { try await $0.didEnterBackground() }
            }
            #expect(received.map(\.text) == ["A first tip for Alice.", "And a second one.", "Here is more."])
            #expect(twins.steps == 21)

            // One snapshot of each vault: same length, nothing but uniform-looking bytes.
            let vaults = (
                try #require(try twins.source.snapshot().files[ClientFile.vault.fileName]),
                try #require(try twins.nonUser.snapshot().files[ClientFile.vault.fileName])
            )
            #expect(vaults.0.size == vaults.1.size)
            #expect(ByteStatistics.chiSquare(vaults.0.bytes) < ByteStatistics.chiSquareLimit)
            #expect(ByteStatistics.chiSquare(vaults.1.bytes) < ByteStatistics.chiSquareLimit)
            #expect(!vaults.0.bytes.contains(subsequence: Array("Here is more.".utf8)))
        }
    }
}
