/// J2U, a journalist's reply: `type(1) ‖ body(512)` in a Two Party Box from the journalist's messaging key to
/// the reader's reply key, 553 bytes. The CoverNode publishes these bytes verbatim in user dead drops.
public enum JournalistToUserMessage: Hashable, Sendable {
    /// A text message (type `0x00`).
    case message(PaddedCompressedString)
    /// A handover to another journalist or desk (type `0x01`): the reader should write to them instead.
    case handover(journalistId: String)

    /// The 513 plaintext bytes.
    public func serialized() throws -> [UInt8] {
        switch self {
        case .message(let text):
            return [0x00] + text.bytes
        case .handover(let id):
            try JournalistID.validate(id)
            let idBytes = Array(id.utf8)
            return [0x01] + idBytes + [UInt8](repeating: 0, count: MessageSizes.paddedText - idBytes.count)
        }
    }

    /// Parses 513 plaintext bytes.
    /// - Throws: `TiplineCoreError` with `.invalidMessage` for an unknown type or a handover without terminator.
    public init(serialized bytes: [UInt8]) throws {
        try requireLength(bytes.count, is: MessageSizes.journalistToUser, "a J2U message")
        switch bytes[0] {
        case 0x00:
            self = .message(try PaddedCompressedString(bytes: bytes[1...]))
        case 0x01:
            guard let end = bytes[1...].firstIndex(of: 0) else {
                throw TiplineCoreError(.invalidMessage, "a handover id has no terminator")
            }
            guard let id = String(validating: bytes[1..<end], as: UTF8.self), (try? JournalistID.validate(id)) != nil
            else { throw TiplineCoreError(.invalidMessage, "a handover carries an invalid journalist id") }
            self = .handover(journalistId: id)
        default:
            throw TiplineCoreError(.invalidMessage, "unknown J2U message type")
        }
    }

    /// Encrypts from the journalist's (latest) messaging key pair to the reader.
    public func seal(
        from journalist: EncryptionKeyPair<Role.JournalistMessaging>, to reader: EncryptionPublicKey<Role.User>
    ) throws -> [UInt8] {
        try TwoPartyBox.seal(serialized(), from: journalist, to: reader)
    }

    /// Opens a 553-byte J2U with a precomputed (reader, journalist key) shared key; `nil` when not for it.
    public static func open(_ box: ArraySlice<UInt8>, sharedKey: TwoPartyBox.SharedKey) -> JournalistToUserMessage? {
        guard box.count == MessageSizes.journalistToUserEncrypted, let plain = sharedKey.open(box) else { return nil }
        return try? JournalistToUserMessage(serialized: plain)
    }

    /// A user-dead-drop filler: a type-0 J2U with an empty text between two throw-away key pairs.
    public static func filler() throws -> [UInt8] {
        try JournalistToUserMessage.message(PaddedCompressedString(text: "")).seal(
            from: .generate(), to: EncryptionKeyPair<Role.User>.generate().publicKey)
    }
}
