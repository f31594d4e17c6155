import Foundation
import Testing
import TiplineAPIClient
import TiplineCore
import TiplineTestSupport

@testable import TiplineJournalist

/// The journalist client against the real API on loopback.
@Suite("Journalist client with a real API")
struct JournalistAPITests {
    static let passphrase = "correct horse battery staple"

    /// A vault made from a fresh setup bundle, and a client for it on the deployment's API and clock.
    static func journalist(_ id: String, in deployment: LoopbackDeployment) throws -> JournalistClient {
        let vault = try JournalistVault(
            creatingAt: deployment.directory.file("\(id).vault"),
            from: deployment.organization.setupBundle(journalistId: id, formTime: deployment.clock.now()),
            passphrase: passphrase, kdf: .testOnly, now: deployment.clock.now())
        return JournalistClient(vault: vault, api: deployment.api, clock: deployment.clock)
    }

    /// A journalist whose setup is complete, and a message it received from a new reader (source 1).
    static func registeredWithSource(
        _ id: String, text: String, in deployment: LoopbackDeployment
    ) async throws -> (JournalistClient, EncryptionKeyPair<Role.User>) {
        let client = try journalist(id, in: deployment)
        try await client.completeSetup()
        let reader = try EncryptionKeyPair<Role.User>.generate()
        try await deployment.publishDeadDrop([try await deployment.c2j(text, from: reader, to: id)])
        #expect(try await client.sync().newSources == 1)
        return (client, reader)
    }

    @Test func setupRegistersTheJournalistOnce() async throws {
        try await LoopbackDeployment.run { deployment in
            let client = try Self.journalist("alice", in: deployment)
            #expect(try await client.needsSetup)
            #expect(try await client.completeSetup())
            #expect(try await !client.needsSetup)
            #expect(try await !client.completeSetup())
            let keys = try await deployment.verifiedKeys()
            #expect(keys.identityKeys(forJournalist: "alice").count == 1)
            #expect(keys.messagingKeys(forJournalist: "alice").count == 1)
            #expect(try await deployment.api.publicKeys().journalistProfiles.map(\.id) == ["alice"])
            let status = try await client.status()
            #expect(status.isSetUp)
            #expect(status.messagingKeyExpiry == keys.messagingKeys(forJournalist: "alice").first?.notValidAfter)
        }
    }

    @Test func setupResumesWhenTheAPIAlreadyHasTheFormsAndRefusesStaleBundles() async throws {
        try await LoopbackDeployment.run { deployment in
            // An earlier attempt whose answers were lost: the API has the forms, the vault does not know it.
            let client = try Self.journalist("bob", in: deployment)
            let pending = try #require(try await client.vault.read { $0.pendingSetup })
            try await deployment.api.submit(pending.registerProfileForm, to: "/v1/public-keys/journalists")
            try await deployment.api.submit(
                pending.uploadIdentityKeyForm, to: "/v1/public-keys/journalists/identity-public-key")
            #expect(try await client.completeSetup())
            #expect(try await deployment.verifiedKeys().messagingKeys(forJournalist: "bob").count == 1)

            // Forms signed two hours ago have expired: a clear error, and the vault keeps them for inspection.
            let late = try Self.journalist("carol", in: deployment)
            deployment.clock.advance(by: .seconds(7200))
            let error = await #expect(throws: JournalistError.self) { try await late.completeSetup() }
            #expect(error?.code == .notOnboarded)
            #expect(try await late.needsSetup)
        }
    }

    @Test func messagesFromReadersAppearInTheInboxAndRepliesLeaveAsJ2C() async throws {
        try await LoopbackDeployment.run { deployment in
            let client = try Self.journalist("dana", in: deployment)
            try await client.completeSetup()
            let first = try EncryptionKeyPair<Role.User>.generate()
            let second = try EncryptionKeyPair<Role.User>.generate()
            try await deployment.publishDeadDrop([
                try await deployment.c2j("The documents are in the blue folder", from: first, to: "dana"),
                try await deployment.c2j("I work at the ministry", from: second, to: "dana"),
            ])
            try await deployment.publishDeadDrop([try await deployment.c2j("Are you there?", from: first, to: "dana")])

            let report = try await client.sync()
            #expect(report.deadDrops == 2)
            #expect(report.newMessages == 3)
            #expect(report.newSources == 2)
            #expect(report.rejectedDeadDrops == 0)
            let inbox = try await client.inbox()
            #expect(inbox.map(\.unreadCount).sorted() == [1, 2])
            #expect(Set(inbox.map(\.alias)).count == 2)

            let firstSource = try #require(inbox.first { $0.unreadCount == 2 })
            let conversation = try await client.conversation(
                with: firstSource.alias.replacingOccurrences(of: " ", with: "-"))
            #expect(
                conversation.messages.compactMap(\.text) == ["The documents are in the blue folder", "Are you there?"])
            #expect(try await client.inbox().first { $0.number == firstSource.number }?.unreadCount == 0)
            #expect(try await client.sync().newMessages == 0)

            // No plaintext of a real conversation in the vault file.
            let file = Data(try AtomicFile.read(client.vault.path))
            for needle in ["blue folder", "ministry", firstSource.alias, first.publicKey.hex] {
                #expect(file.range(of: Data(needle.utf8)) == nil, "the vault file contains \(needle)")
            }

            // A reply comes out as a 730-byte J2C that the CoverNode opens and the reader decrypts.
            try await client.queueReply(to: "\(firstSource.number)", text: "Thank you. Can we talk on Tuesday?")
            #expect(try await client.status().queuedReplies == 1)
            guard case .reply = try await client.sendNext() else { throw TestFailure("the reply was not sent") }
            #expect(try await client.sendNext() == .cover)
            let posted = try await deployment.journalistMessages()
            #expect(posted.map(\.count) == [730, 730])
            guard case .real(let sealed) = try deployment.openJ2C(posted[0]) else {
                throw TestFailure("the first J2C is not a reply")
            }
            #expect(try deployment.openJ2C(posted[1]) == .cover)
            let journalistKey = try #require(
                try await deployment.verifiedKeys().latestMessagingKey(forJournalist: "dana"))
            let reply = try #require(
                JournalistToUserMessage.open(
                    sealed[...], sharedKey: try TwoPartyBox.SharedKey(mine: first, theirs: journalistKey)))
            guard case .message(let text) = reply else { throw TestFailure("the reply is not a text message") }
            #expect(try text.text() == "Thank you. Can we talk on Tuesday?")
            let delivered = try await client.conversation(with: "\(firstSource.number)")
            guard case .sent? = delivered.messages.last?.delivery else {
                throw TestFailure("the reply is not marked sent")
            }
            #expect(try await client.status().queuedReplies == 0)
        }
    }

    @Test func handoverGoesToAnotherJournalistWithKeys() async throws {
        try await LoopbackDeployment.run { deployment in
            try await Self.journalist("news_desk", in: deployment).completeSetup()
            let (client, reader) = try await Self.registeredWithSource(
                "erin", text: "Who covers courts?", in: deployment)
            let unknown = await #expect(throws: JournalistError.self) {
                try await client.queueHandover(of: "1", to: "nobody_here")
            }
            #expect(unknown?.code == .invalidInput)
            try await client.queueHandover(of: "1", to: "news_desk")
            #expect(try await client.sendNext() == .reply(messageNumber: 2))
            guard case .real(let sealed) = try deployment.openJ2C(try await deployment.journalistMessages()[0]) else {
                throw TestFailure("no reply in the stream")
            }
            let erinKey = try #require(try await deployment.verifiedKeys().latestMessagingKey(forJournalist: "erin"))
            let message = JournalistToUserMessage.open(
                sealed[...], sharedKey: try TwoPartyBox.SharedKey(mine: reader, theirs: erinKey))
            #expect(message == .handover(journalistId: "news_desk"))
        }
    }

    @Test func epochGateKeepsTheCursorUntilKeysCatchUp() async throws {
        try await LoopbackDeployment.run { deployment in
            let client = try Self.journalist("frank", in: deployment)
            try await client.completeSetup()
            let reader = try EncryptionKeyPair<Role.User>.generate()
            let maxEpoch = try await deployment.api.publicKeys().maxEpoch
            try await deployment.publishDeadDrop([
                try await deployment.c2j("from the present", from: reader, to: "frank")
            ])
            try await deployment.publishDeadDrop(
                [try await deployment.c2j("from the future", from: reader, to: "frank")], epoch: maxEpoch + 1)
            let stale = try await client.sync()
            #expect(stale.waitingForKeys)
            #expect(stale.newMessages == 1)
            #expect(stale.deadDrops == 1)
            let cursor = try await client.status().deadDropCursor
            #expect(try await client.sync().newMessages == 0)
            #expect(try await client.status().deadDropCursor == cursor)

            // A new CoverNode key moves the published epoch on; the dead drop is then read.
            let next = try EncryptionKeyPair<Role.CoverNodeMessaging>.generate()
            let certified = try deployment.organization.coverNodeIdentity.certify(
                next.publicKey, notValidAfter: deployment.clock.now().adding(KeyLifetimes.messaging))
            _ = try await deployment.api.submitKeyUpload(
                SignedForm.sign(
                    certified.json, with: deployment.organization.coverNodeIdentity, now: deployment.clock.now()),
                to: "/v1/public-keys/covernode/messaging-public-key")
            let caughtUp = try await client.sync()
            #expect(!caughtUp.waitingForKeys)
            #expect(caughtUp.newMessages == 1)
            #expect(
                try await client.conversation(with: "1").messages.compactMap(\.text) == [
                    "from the present", "from the future",
                ])
        }
    }

    @Test func deadDropsWithoutAValidSignerAreNotReadAndCounted() async throws {
        try await LoopbackDeployment.run { deployment in
            let client = try Self.journalist("mona", in: deployment)
            try await client.completeSetup()
            let cursor = try await client.vault.read { $0.deadDropCursor }
            let reader = try EncryptionKeyPair<Role.User>.generate()
            try await deployment.publishDeadDrop([try await deployment.c2j("old news", from: reader, to: "mona")])
            // The CoverNode identity key that signed it expired longer ago than expired keys are kept: it no longer
            // verifies (the API would have deleted a dead drop this old), and the cursor stays before it.
            deployment.clock.advance(by: KeyLifetimes.coverNodeIdentity + .seconds(15 * 86_400))
            let report = try await client.sync()
            #expect(report.rejectedDeadDrops == 1)
            #expect(report.deadDrops == 0)
            #expect(report.newMessages == 0)
            #expect(try await client.inbox().isEmpty)
            #expect(try await client.vault.read { $0.deadDropCursor } == cursor)
            #expect(JournalistText.sync(report).contains("1 dead drop was not read"))
        }
    }

    @Test func messagingKeysRotateAndOldKeysStillDecrypt() async throws {
        try await LoopbackDeployment.run { deployment in
            let client = try Self.journalist("gina", in: deployment)
            try await client.completeSetup()
            let reader = try EncryptionKeyPair<Role.User>.generate()
            let toOldKey = try await deployment.c2j("sent to the first key", from: reader, to: "gina")
            #expect(try await client.rotateKeys().newMessagingKeyEpoch == nil)

            deployment.clock.advance(by: .seconds(25 * 3600))
            let rotated = try await client.rotateKeys()
            #expect(rotated.newMessagingKeyEpoch != nil)
            #expect(try await deployment.verifiedKeys().messagingKeys(forJournalist: "gina").count == 2)
            try await deployment.publishDeadDrop([
                toOldKey, try await deployment.c2j("sent to the new key", from: reader, to: "gina"),
            ])
            #expect(try await client.sync().newMessages == 2)

            // A reply queued now is sealed from the newest key, which the reader finds in the hierarchy.
            try await client.queueReply(to: "1", text: "got both")
            let queuedSender = try await client.vault.read { $0.outbox[0].senderKey }
            #expect(try await deployment.verifiedKeys().latestMessagingKey(forJournalist: "gina")?.hex == queuedSender)

            // Two weeks later the first key has expired and is removed from the vault.
            deployment.clock.advance(by: .seconds(13 * 86_400))
            let cleaned = try await client.rotateKeys()
            #expect(cleaned.expiredKeysRemoved >= 1)
            #expect(try await client.vault.read { $0.messagingKeys.count } == 2)
        }
    }

    @Test func aReplyThatWaitedIsWrappedForTheCurrentKeys() async throws {
        try await LoopbackDeployment.run { deployment in
            let (client, reader) = try await Self.registeredWithSource("lena", text: "hello", in: deployment)
            let firstKey = try #require(try await deployment.verifiedKeys().latestMessagingKey(forJournalist: "lena"))
            try await client.queueReply(to: "1", text: "sent late")

            // Thirteen days on: the CoverNode has a new messaging key, and the journalist key the reply was sealed
            // from expires within the margin, so a new one is published.
            deployment.clock.advance(by: .seconds(13 * 86_400))
            let newCoverNodeKey = try EncryptionKeyPair<Role.CoverNodeMessaging>.generate()
            let organization = deployment.organization
            _ = try await deployment.api.submitKeyUpload(
                SignedForm.sign(
                    try organization.coverNodeIdentity.certify(
                        newCoverNodeKey.publicKey, notValidAfter: deployment.clock.now().adding(KeyLifetimes.messaging)
                    ).json,
                    with: organization.coverNodeIdentity, now: deployment.clock.now()),
                to: "/v1/public-keys/covernode/messaging-public-key")
            #expect(try await client.rotateKeys().newMessagingKeyEpoch != nil)
            let newKey = try #require(try await deployment.verifiedKeys().latestMessagingKey(forJournalist: "lena"))
            #expect(newKey != firstKey)

            #expect(try await client.sendNext() == .reply(messageNumber: 2))
            let j2c = try #require(try await deployment.journalistMessages().first)
            #expect(throws: (any Error).self) { try deployment.openJ2C(j2c) }
            guard case .real(let sealed) = try JournalistToCoverNodeMessage.open(j2c, with: newCoverNodeKey) else {
                throw TestFailure("the new CoverNode key does not open the reply")
            }
            let opened = JournalistToUserMessage.open(
                sealed[...], sharedKey: try TwoPartyBox.SharedKey(mine: reader, theirs: newKey))
            guard case .message(let text)? = opened else { throw TestFailure("the reader cannot open the reply") }
            #expect(try text.text() == "sent late")
            #expect(
                JournalistToUserMessage.open(
                    sealed[...], sharedKey: try TwoPartyBox.SharedKey(mine: reader, theirs: firstKey))
                    == nil)
        }
    }

    @Test func anUnreachableAPIIsAClearError() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let organization = try TestKeyHierarchy(now: SystemWallClock().now())
        let vault = try JournalistVault(
            creatingAt: directory.file("ivan.vault"), from: organization.setupBundle(journalistId: "ivan"),
            passphrase: Self.passphrase, kdf: .testOnly, now: organization.now)
        let client = JournalistClient(vault: vault, api: APIClient(baseURL: "http://127.0.0.1:9", timeout: .seconds(1)))
        let error = await #expect(throws: APIClientError.self) { try await client.sync() }
        #expect(error?.code == .unreachable)
        #expect(error?.isRetryable == true)
    }
}
