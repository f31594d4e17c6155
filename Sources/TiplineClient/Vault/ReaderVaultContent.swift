import TiplineCore

/// The secret state of one installation: the reader's reply key, the sending-queue secret and the mailbox.
///
/// Serialised into exactly ``ReaderVaultContent/plaintextLength`` bytes (the layout is in `docs/client.md`):
/// ```
/// version u8 (= 1) ‖ user secret key (32) ‖ queue secret (16) ‖ message count u32 ‖ messages ‖ zero fill
/// message = kind u8 ‖ date i64 (µs since the epoch) ‖ journalist id (u8 length ‖ ASCII) ‖ body
///   kind 1 (sent):     hint (32) ‖ text (u32 length ‖ UTF-8)
///   kind 2 (received): dead-drop id i32 ‖ index u16 ‖ text (u32 length ‖ UTF-8)
///   kind 3 (handover): dead-drop id i32 ‖ index u16 ‖ target id (u8 length ‖ ASCII)
/// ```
/// All integers are big-endian.
struct ReaderVaultContent: Sendable {
    /// Size of the plaintext: 512 KiB, whatever the content.
    static let plaintextLength = 524_288
    static let formatVersion: UInt8 = 1
    static let queueSecretLength = 16
    private static let headerLength = 1 + 32 + queueSecretLength + 4

    /// The reader's reply secret key, kept as bytes of its own so that ``wipe()`` can overwrite them.
    private(set) var userSecretKey: [UInt8]
    /// The public half of the reply key (not secret).
    let userPublicKey: EncryptionPublicKey<Role.User>
    var queueSecret: [UInt8]
    var messages: [MailboxMessage]

    /// A new identity: what every installation gets on first start and every new session.
    static func fresh() throws -> ReaderVaultContent {
        ReaderVaultContent(
            userKey: try .generate(), queueSecret: SecureRandom.bytes(queueSecretLength), messages: [])
    }

    init(userKey: EncryptionKeyPair<Role.User>, queueSecret: [UInt8], messages: [MailboxMessage]) {
        userSecretKey = userKey.secretKeyBytes
        userPublicKey = userKey.publicKey
        self.queueSecret = queueSecret
        self.messages = messages
    }

    /// The reply key pair, rebuilt from ``userSecretKey`` for the moment it is needed.
    /// - Throws: ``ClientError`` with `.locked` once wiped.
    func userKey() throws -> EncryptionKeyPair<Role.User> {
        guard let pair = try? EncryptionKeyPair<Role.User>(secretKey: userSecretKey) else {
            throw ClientError(.locked, "the session is closed")
        }
        return pair
    }

    /// Overwrites the reply secret key and the queue secret and drops the mailbox (best effort: copies the runtime
    /// made elsewhere cannot be reached).
    mutating func wipe() {
        Hashing.wipe(&userSecretKey)
        Hashing.wipe(&queueSecret)
        messages = []
    }

    /// The fixed-size plaintext. Messages dated at or before `expiredBefore` are left out; if the rest does not fit, the
    /// oldest are dropped until it does (`spec/CLIENT.md` §6.2).
    func serialized(expiredBefore cutoff: Timestamp) -> [UInt8] {
        var kept = messages.filter { $0.date > cutoff }.map { (message: $0, bytes: Self.encode($0)) }
        var total = Self.headerLength + kept.reduce(0) { $0 + $1.bytes.count }
        if total > Self.plaintextLength {
            let oldestFirst = kept.indices.sorted { kept[$0].message.date < kept[$1].message.date }
            var dropped = Set<Int>()
            for index in oldestFirst where total > Self.plaintextLength {
                dropped.insert(index)
                total -= kept[index].bytes.count
            }
            kept = kept.indices.filter { !dropped.contains($0) }.map { kept[$0] }
        }
        var writer = ByteWriter()
        writer.append(Self.formatVersion)
        writer.append(userSecretKey)
        writer.append(queueSecret)
        writer.append(bigEndian: UInt32(kept.count))
        for entry in kept { writer.append(entry.bytes) }
        return writer.bytes + [UInt8](repeating: 0, count: Self.plaintextLength - writer.bytes.count)
    }

    /// Parses a decrypted plaintext.
    /// - Throws: ``ClientError`` with `.corruptVault` for anything malformed (never traps).
    init(plaintext: [UInt8]) throws {
        let corrupt = ClientError(.corruptVault, "the vault content is malformed")
        guard plaintext.count == Self.plaintextLength else { throw corrupt }
        var reader = ByteReader(plaintext, failure: corrupt)
        guard try reader.readByte() == Self.formatVersion else { throw corrupt }
        guard let key = try? EncryptionKeyPair<Role.User>(secretKey: reader.read(32)) else { throw corrupt }
        userSecretKey = key.secretKeyBytes
        userPublicKey = key.publicKey
        queueSecret = try reader.read(Self.queueSecretLength)
        let count = try reader.read(UInt32.self)
        guard count <= Self.plaintextLength / 10 else { throw corrupt }
        messages = try (0..<count).map { _ in try Self.decode(&reader, corrupt) }
    }

    private static func encode(_ message: MailboxMessage) -> [UInt8] {
        var writer = ByteWriter()
        switch message.kind {
        case .sent: writer.append(1)
        case .received: writer.append(2)
        case .handover: writer.append(3)
        }
        writer.append(bigEndian: message.date.microseconds)
        writer.appendShort(Array(message.journalistId.utf8))
        switch message.kind {
        case .sent(let text, let hint):
            writer.append(hint)
            writer.appendLong(Array(text.utf8))
        case .received(let text, let position):
            append(position, to: &writer)
            writer.appendLong(Array(text.utf8))
        case .handover(let target, let position):
            append(position, to: &writer)
            writer.appendShort(Array(target.utf8))
        }
        return writer.bytes
    }

    private static func decode(_ reader: inout ByteReader, _ corrupt: ClientError) throws -> MailboxMessage {
        let tag = try reader.readByte()
        let date = Timestamp(microseconds: try reader.read(Int64.self))
        let journalistId = try string(reader.readShort(), corrupt)
        let kind: MailboxMessage.Kind
        switch tag {
        case 1:
            let hint = try reader.read(PrivateSendingQueue.hintLength)
            kind = .sent(text: try string(reader.readLong(), corrupt), hint: hint)
        case 2:
            let position = try readPosition(&reader)
            kind = .received(text: try string(reader.readLong(), corrupt), position: position)
        case 3:
            let position = try readPosition(&reader)
            kind = .handover(target: try string(reader.readShort(), corrupt), position: position)
        default:
            throw corrupt
        }
        return MailboxMessage(journalistId: journalistId, date: date, kind: kind)
    }

    /// A dead-drop position as stored: the dead-drop id (4 bytes) and the index within it (2 bytes), big-endian.
    private static func append(_ position: DeadDropPosition, to writer: inout ByteWriter) {
        writer.append(bigEndian: position.deadDropId)
        writer.append(bigEndian: position.index)
    }

    /// Reads what ``append(_:to:)`` wrote.
    private static func readPosition(_ reader: inout ByteReader) throws -> DeadDropPosition {
        DeadDropPosition(deadDropId: try reader.read(Int32.self), index: try reader.read(UInt16.self))
    }

    private static func string(_ bytes: [UInt8], _ corrupt: ClientError) throws -> String {
        guard let text = String(validating: bytes, as: UTF8.self) else { throw corrupt }
        return text
    }
}
