import Foundation
import ServiceLifecycle
import ServiceLifecycleTestKit
import Testing
import TiplineAPIClient
import TiplineCore
import TiplineCoverNode
import TiplineStorage
import TiplineTestSupport

/// The whole CoverNode against the real API on loopback and a real SQLite store: bootstrap from a setup bundle,
/// reader messages through the appender, journalist replies through `POST /v1/journalist-messages`, timer-driven
/// releases, and a graceful shutdown.
@Suite struct CoverNodeServiceTests {
    @Test(.timeLimit(.minutes(1)))
    func realMessagesReachTheirRecipientsOnceAndEverythingElseVanishes() async throws {
        let folder = try TemporaryDirectory()
        let clock = SystemWallClock()
        let deployment = try TestDeployment(journalistIds: ["alice", "bob"], now: clock.now())
        let stranger = try TestDeployment(journalistIds: ["carol"], now: clock.now()).journalist("carol")
        try JSONEncoder().encode(deployment.coverNodeSetupBundle(now: clock.now()))
            .write(to: URL(fileURLWithPath: folder.file("bundle.json")))
        let mixing = MixingProfile(
            userToJournalist: MixingParameters(
                thresholdMin: 1, thresholdMax: 12, timeout: .milliseconds(700), outputSize: 8),
            journalistToUser: MixingParameters(
                thresholdMin: 1, thresholdMax: 10, timeout: .milliseconds(700), outputSize: 4))
        let settings = CoverNodeSettings(
            stateDirectory: folder.file("covernode"), mixing: mixing,
            keyProtection: .passphrase("correct horse", kdf: .testOnly), setupBundlePath: folder.file("bundle.json"),
            pipeline: TestCoverNode.fastPipeline, keyTaskInterval: .milliseconds(200),
            directoryRefreshInterval: .milliseconds(200), streamPruneInterval: .milliseconds(200))
        let stale = Data(SecureRandom.bytes(MessageSizes.userToCoverNodeEncrypted))

        try await deployment.withPublishedAPI(in: folder) { api, store in
            let sixteenDaysAgo = clock.now().adding(.seconds(-16 * 86_400)).microseconds
            try await store.append(.userToCoverNode, [stale], receivedAtMicros: sixteenDaysAgo)
            let service = CoverNodeService(settings: settings, store: store, api: api, logger: TestCoverNode.logger)
            try await testGracefulShutdown { shutdown in
                let running = Task { try await service.run() }
                let coverNodeKeys = try await waitForCoverNodeKeys(deployment, api)
                #expect(!FileManager.default.fileExists(atPath: folder.file("bundle.json")))

                let alice = try deployment.journalist("alice"), bob = try deployment.journalist("bob")
                let reader = try EncryptionKeyPair<Role.User>.generate()
                var messages = try (0..<6).map {
                    try Reader.message("to alice \($0)", to: alice, coverNodeKeys: coverNodeKeys, from: reader)
                }
                messages += try (0..<4).map {
                    try Reader.message("to bob \($0)", to: bob, coverNodeKeys: coverNodeKeys)
                }
                messages += try (0..<25).map { _ in try UserToCoverNodeMessage.sealCover(to: coverNodeKeys) }
                messages.append(try Reader.message("to carol", to: stranger, coverNodeKeys: coverNodeKeys))
                messages.append(
                    try UserToCoverNodeMessage.sealCover(to: [
                        EncryptionKeyPair<Role.CoverNodeMessaging>.generate().publicKey
                    ]))
                messages.shuffle()
                for message in messages { try await api.postUserMessage(message) }
                try await api.postUserMessage(messages[0])  // a replay: stored once, processed once

                let reply = try JournalistToUserMessage.message(PaddedCompressedString(text: "thanks, alice here"))
                    .seal(from: alice.latestMessaging, to: reader.publicKey)
                try await api.postJournalistMessage(journalistMessage(reply, from: alice, coverNodeKeys, clock))
                for _ in 0..<3 {
                    try await api.postJournalistMessage(journalistMessage(nil, from: bob, coverNodeKeys, clock))
                }

                let keys = try await deployment.verifiedKeys(from: api, now: clock.now())
                // Alice's and bob's messages may leave in different releases: wait for both.
                let journalistDrops = try await eventually("alice's six and bob's four messages") {
                    let drops = try await api.deadDrops(.journalist, idsGreaterThan: 0).map(\.deadDrop)
                    let aliceCount = try Reader.texts(in: drops, for: alice, keys: keys, now: clock.now()).count
                    let bobCount = try Reader.texts(in: drops, for: bob, keys: keys, now: clock.now()).count
                    return aliceCount >= 6 && bobCount >= 4 ? drops : nil
                }
                #expect(
                    try Reader.texts(in: journalistDrops, for: alice, keys: keys, now: clock.now()).sorted()
                        == (0..<6).map { "to alice \($0)" })
                #expect(
                    try Reader.texts(in: journalistDrops, for: bob, keys: keys, now: clock.now()).sorted()
                        == (0..<4).map { "to bob \($0)" })
                #expect(try Reader.texts(in: journalistDrops, for: stranger, keys: keys, now: clock.now()).isEmpty)
                #expect(journalistDrops.allSatisfy { $0.messages.count == 8 && $0.epoch != nil })
                let maxEpoch = try await api.publicKeys().maxEpoch
                #expect(journalistDrops.allSatisfy { ($0.epoch ?? .max) <= maxEpoch })

                let replies = try await eventually("the reply in a user dead drop") {
                    let drops = try await api.deadDrops(.user, idsGreaterThan: 0).map(\.deadDrop)
                    let shared = try TwoPartyBox.SharedKey(mine: reader, theirs: alice.latestMessaging.publicKey)
                    let opened = drops.flatMap { drop in
                        #expect(drop.isSigned(byAnyOf: keys.allCoverNodeIdentityKeys, at: clock.now()))
                        #expect(drop.messages.count == 4 && drop.messages.allSatisfy { $0.count == 553 })
                        return drop.messages.compactMap { JournalistToUserMessage.open($0, sharedKey: shared) }
                    }
                    return opened.isEmpty ? nil : opened
                }
                #expect(replies.count == 1)
                guard case .message(let text) = try #require(replies.first) else {
                    Issue.record("the reply is not a text message")
                    return
                }
                #expect(try text.text() == "thanks, alice here")

                let stream = try await store.read(.userToCoverNode, after: 0, limit: 1000).map(\.message)
                #expect(!stream.contains(stale), "messages older than the retention are pruned")
                #expect(stream.count == messages.count, "the replayed message is stored once")

                shutdown.triggerGracefulShutdown()
                try await running.value
            }
        }
    }

    /// A J2C as a journalist client posts it: real when `reply` is given, cover otherwise.
    func journalistMessage(
        _ reply: [UInt8]?, from journalist: TestKeyHierarchy.Journalist,
        _ coverNodeKeys: [EncryptionPublicKey<Role.CoverNodeMessaging>], _ clock: any WallClock
    ) throws -> SignedForm {
        let message: JournalistToCoverNodeMessage = reply.map { .real(sealedReply: $0) } ?? .cover
        let box = try message.seal(to: coverNodeKeys)
        return try SignedForm.sign(Base64.encodeUnpadded(box), with: journalist.identity, now: clock.now())
    }

    func waitForCoverNodeKeys(
        _ deployment: TestDeployment, _ api: APIClient
    ) async throws -> [EncryptionPublicKey<Role.CoverNodeMessaging>] {
        try await eventually("a published CoverNode messaging key") {
            let keys = try await deployment.verifiedKeys(from: api, now: SystemWallClock().now())
            return keys.latestCoverNodeMessagingKeys.isEmpty ? nil : keys.latestCoverNodeMessagingKeys
        }
    }
}
