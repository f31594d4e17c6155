import Testing
import TiplineCore
import TiplineTestSupport

@testable import TiplineClient

@Suite("Private sending queue")
struct PrivateSendingQueueTests {
    let hierarchy: TestHierarchy
    let coverNodeKeys: [EncryptionPublicKey<Role.CoverNodeMessaging>]
    let secret = SecureRandom.bytes(16)

    init() throws {
        hierarchy = try TestHierarchy(now: Timestamp(seconds: 1_900_000_000))
        coverNodeKeys = [hierarchy.coverNodeMessagingKey.key]
    }

    func cover() throws -> [UInt8] { try UserToCoverNodeMessage.sealCover(to: coverNodeKeys) }

    func real(_ text: String) throws -> [UInt8] {
        let journalist = try #require(hierarchy.journalist("alice"))
        return try UserToCoverNodeMessage.seal(
            text: text, replyKey: EncryptionKeyPair<Role.User>.generate().publicKey, journalistId: "alice",
            journalistKey: journalist.latestMessaging.publicKey, coverNodeKeys: coverNodeKeys)
    }

    /// What the CoverNode would read from a queue item: the text of a real message, `nil` for cover.
    func open(_ item: [UInt8]) throws -> String? {
        guard case .real(_, let sealed) = try UserToCoverNodeMessage.open(item, with: hierarchy.coverNodeMessaging)
        else {
            return nil
        }
        let journalist = try #require(hierarchy.journalist("alice"))
        return try UserToJournalistMessage.open(sealed, with: journalist.latestMessaging).text.text()
    }

    @Test("a new queue is 8 cover messages of 773 bytes and 6,448 bytes on disk")
    func newQueue() throws {
        let queue = try PrivateSendingQueue(cover: cover)
        #expect(queue.fillLevel(secret: secret) == 0)
        #expect(queue.serialized.count == 6448)
        #expect(queue.head.count == 773)
        #expect(try open(queue.head) == nil)
    }

    @Test("real messages go out first, in the order they were written, then cover")
    func fifoRealBeforeCover() throws {
        var queue = try PrivateSendingQueue(cover: cover)
        try queue.dequeue(cover: cover())
        for text in ["one", "two", "three"] { try queue.enqueue(real(text), secret: secret) }
        #expect(queue.fillLevel(secret: secret) == 3)
        var sent: [String?] = []
        for _ in 0..<5 {
            sent.append(try open(queue.head))
            try queue.dequeue(cover: cover())
        }
        #expect(sent == ["one", "two", "three", nil, nil])
        #expect(queue.fillLevel(secret: secret) == 0)
    }

    @Test("the fill level is invisible without the secret, and hints find pending messages")
    func fillLevelAndHints() throws {
        var queue = try PrivateSendingQueue(cover: cover)
        let hint = try queue.enqueue(real("hello"), secret: secret)
        try queue.enqueue(real("again"), secret: secret)
        #expect(queue.fillLevel(secret: secret) == 2)
        #expect(queue.fillLevel(secret: SecureRandom.bytes(16)) == 0)
        #expect(queue.contains(hint: hint))
        try queue.dequeue(cover: cover())
        #expect(!queue.contains(hint: hint))
        #expect(queue.fillLevel(secret: secret) == 1)
    }

    @Test("a full queue refuses the ninth message with a clear error and keeps the eight")
    func full() throws {
        var queue = try PrivateSendingQueue(cover: cover)
        for index in 0..<8 { try queue.enqueue(real("message \(index)"), secret: secret) }
        let before = queue.serialized
        let error = #expect(throws: ClientError.self) {
            try queue.enqueue(try self.real("one too many"), secret: self.secret)
        }
        #expect(error?.code == .queueFull)
        #expect(queue.serialized == before)
        #expect(queue.fillLevel(secret: secret) == 8)
    }

    @Test("the serialised form is big-endian, round-trips, and refuses anything malformed")
    func serialisation() throws {
        var queue = try PrivateSendingQueue(cover: cover)
        try queue.enqueue(real("kept"), secret: secret)
        let bytes = queue.serialized
        #expect(Array(bytes.prefix(8)) == [0, 0, 0, 8, 0, 0, 0x03, 0x05])
        let restored = try PrivateSendingQueue(serialized: bytes)
        #expect(restored == queue)
        #expect(restored.fillLevel(secret: secret) == 1)
        for bad in [Array(bytes.dropLast()), bytes + [0], [0, 0, 0, 9] + bytes.dropFirst(4), []] {
            #expect(throws: ClientError.self) { try PrivateSendingQueue(serialized: bad) }
        }
        #expect(throws: ClientError.self) { try queue.enqueue([1, 2, 3], secret: secret) }
    }
}
