import Testing
import TiplineTestSupport

@testable import TiplineClient
@testable import TiplineCore

@Suite("Trial decryption of replies")
struct ReplyDecryptorTests {
    let hierarchy: TestHierarchy
    let reader: EncryptionKeyPair<Role.User>

    init() throws {
        hierarchy = try TestHierarchy(
            now: Timestamp(seconds: 1_900_000_000), journalists: [("alice", 2), ("bob", 2), ("carol", 2)])
        reader = try .generate()
    }

    func keys(_ ids: [String]) -> [String: [EncryptionPublicKey<Role.JournalistMessaging>]] {
        Dictionary(
            uniqueKeysWithValues: ids.compactMap { id in
                hierarchy.journalist(id).map { (id, $0.messaging.map(\.publicKey)) }
            })
    }

    @Test(
        "replies under any of a journalist's keys are found, with their position; fillers and others' replies are not")
    func findsReplies() async throws {
        let alice = try #require(hierarchy.journalist("alice"))
        let bob = try #require(hierarchy.journalist("bob"))
        let someoneElse = try EncryptionKeyPair<Role.User>.generate()
        let first = try hierarchy.userDeadDrop(
            replies: [
                try JournalistToUserMessage.message(.init(text: "from the old key")).seal(
                    from: alice.messaging[0], to: reader.publicKey),
                try JournalistToUserMessage.message(.init(text: "not for you")).seal(
                    from: alice.latestMessaging, to: someoneElse.publicKey),
                try JournalistToUserMessage.message(.init(text: "from bob")).seal(
                    from: bob.latestMessaging, to: reader.publicKey),
            ], createdAt: hierarchy.now)
        let second = try hierarchy.userDeadDrop(
            replies: [
                try JournalistToUserMessage.handover(journalistId: "carol").seal(
                    from: alice.latestMessaging, to: reader.publicKey)
            ],
            createdAt: hierarchy.now.adding(.seconds(3600)))
        let drops = [VerifiedDeadDrop(id: 1, verified: first), VerifiedDeadDrop(id: 2, verified: second)]

        let decryptor = ReplyDecryptor(userKey: reader, journalistKeys: keys(["alice", "bob", "carol"]))
        #expect(decryptor.sharedKeyCount == 6)
        let replies = await decryptor.decrypt(drops)
        #expect(replies == decryptor.decryptSerially(drops))
        #expect(replies.map(\.journalistId) == ["alice", "bob", "alice"])
        #expect(replies.map(\.deadDropId) == [1, 1, 2])
        #expect(replies.map(\.index) == [0, 2, 0])
        #expect(try replies[0].message == .message(.init(bytes: Array(replies[0].message.serialized().dropFirst()))))
        guard case .message(let text) = replies[1].message else { Issue.record("expected a text"); return }
        #expect(try text.text() == "from bob")
        // CoverDrop's iOS parser dropped the handover id's first byte (spec/CLIENT.md §16 #1).
        #expect(replies[2].message == .handover(journalistId: "carol"))
        #expect(replies[2].createdAt == hierarchy.now.adding(.seconds(3600)))

        let onlyCarol = ReplyDecryptor(userKey: reader, journalistKeys: keys(["carol"]))
        #expect(await onlyCarol.decrypt(drops).isEmpty)
    }

    @Test("one journalist's unusable key (small order) is skipped; the other journalists' replies are still found")
    func badKeyOfOneJournalist() async throws {
        let alice = try #require(hierarchy.journalist("alice"))
        let drop = try hierarchy.userDeadDrop(
            replies: [
                try JournalistToUserMessage.message(.init(text: "still here")).seal(
                    from: alice.latestMessaging, to: reader.publicKey)
            ], createdAt: hierarchy.now)
        var candidates = keys(["alice"])
        // A point of small order (u = 1): X25519 with it yields all zeros, which libsodium refuses. TiplineCore's
        // parser rejects such keys; the decryptor must not depend on that, so the key is made past the parser.
        candidates["mallory"] = [EncryptionPublicKey(unchecked: [1] + [UInt8](repeating: 0, count: 31))]
        let decryptor = ReplyDecryptor(userKey: reader, journalistKeys: candidates)
        #expect(decryptor.sharedKeyCount == 2)
        let replies = await decryptor.decrypt([VerifiedDeadDrop(id: 1, verified: drop)])
        #expect(replies.map(\.journalistId) == ["alice"])
    }

    @Test("no candidate or no dead drop: nothing to do")
    func empty() async throws {
        let none = ReplyDecryptor(userKey: reader, journalistKeys: [:])
        #expect(none.sharedKeyCount == 0)
        let drop = try hierarchy.userDeadDrop(replies: [], createdAt: hierarchy.now)
        #expect(await none.decrypt([VerifiedDeadDrop(id: 1, verified: drop)]).isEmpty)
        #expect(await ReplyDecryptor(userKey: reader, journalistKeys: keys(["alice"])).decrypt([]).isEmpty)
    }
}
