import TiplineCore

/// The private sending queue (`spec/CLIENT.md` §7): 8 slots of 773-byte U2C messages, real ones first, the rest
/// cover, each with a 32-byte hint.
///
/// A real message's hint is `HMAC-SHA-256(queue secret, message)`; a cover slot's hint is random. Without the secret
/// (kept in the vault) nobody can tell how many slots are real. Serialised, big-endian, always 6,448 bytes:
/// `capacity u32 (8) ‖ item size u32 (773) ‖ 8 × item ‖ 8 × hint`.
package struct PrivateSendingQueue: Hashable, Sendable {
    /// Number of slots.
    package static let capacity = 8
    /// Size of one slot: a U2C message.
    package static let itemLength = MessageSizes.userToCoverNodeEncrypted
    /// Size of one hint (a full HMAC-SHA-256).
    package static let hintLength = 32
    /// Size of the serialised queue.
    package static let serializedLength = 8 + capacity * (itemLength + hintLength)

    private var items: [[UInt8]]
    private var hints: [[UInt8]]

    /// A queue of cover messages made by `cover`.
    package init(cover: () throws -> [UInt8]) throws {
        items = try (0..<Self.capacity).map { _ in try Self.checked(cover()) }
        hints = (0..<Self.capacity).map { _ in SecureRandom.bytes(Self.hintLength) }
    }

    /// Parses a serialised queue.
    /// - Throws: ``ClientError`` with `.storage` unless the header and the total length are exactly right.
    package init(serialized bytes: [UInt8]) throws {
        let invalid = ClientError(.storage, "the sending queue file is malformed")
        guard bytes.count == Self.serializedLength else { throw invalid }
        var reader = ByteReader(bytes, failure: invalid)
        guard try reader.read(UInt32.self) == Self.capacity, try reader.read(UInt32.self) == Self.itemLength else {
            throw invalid
        }
        items = try (0..<Self.capacity).map { _ in try reader.read(Self.itemLength) }
        hints = try (0..<Self.capacity).map { _ in try reader.read(Self.hintLength) }
    }

    /// The serialised form.
    package var serialized: [UInt8] {
        var writer = ByteWriter()
        writer.append(bigEndian: UInt32(Self.capacity))
        writer.append(bigEndian: UInt32(Self.itemLength))
        items.forEach { writer.append($0) }
        hints.forEach { writer.append($0) }
        return writer.bytes
    }

    /// How many leading slots hold real messages made with `secret` (0 for a wrong secret).
    package func fillLevel(secret: [UInt8]) -> Int {
        zip(items, hints).prefix(while: { item, hint in
            Hashing.constantTimeEquals(Hashing.hmacSHA256(key: secret, message: item), hint)
        }).count
    }

    /// Puts a real message after the real ones already queued, in place of the first cover message.
    /// - Returns: the message's hint, to recognise it while it is pending.
    /// - Throws: ``ClientError`` with `.queueFull` when every slot is real, `.storage` for a wrong-sized message.
    @discardableResult
    package mutating func enqueue(_ message: [UInt8], secret: [UInt8]) throws -> [UInt8] {
        let slot = fillLevel(secret: secret)
        guard slot < Self.capacity else {
            throw ClientError(
                .queueFull,
                "the sending queue already holds \(Self.capacity) messages; try again after the next sending run")
        }
        let hint = Hashing.hmacSHA256(key: secret, message: try Self.checked(message))
        items[slot] = message
        hints[slot] = hint
        return hint
    }

    /// The next message to send (real or cover).
    package var head: [UInt8] { items[0] }

    /// Removes the head (after the server acknowledged it) and appends a new cover message at the end.
    package mutating func dequeue(cover: [UInt8]) throws {
        let cover = try Self.checked(cover)
        items.removeFirst()
        hints.removeFirst()
        items.append(cover)
        hints.append(SecureRandom.bytes(Self.hintLength))
    }

    /// Whether a message with this hint is still waiting.
    package func contains(hint: [UInt8]) -> Bool { hints.contains { Hashing.constantTimeEquals($0, hint) } }

    private static func checked(_ item: [UInt8]) throws -> [UInt8] {
        guard item.count == itemLength else {
            throw ClientError(.storage, "a queued message is \(itemLength) bytes, got \(item.count)")
        }
        return item
    }
}
