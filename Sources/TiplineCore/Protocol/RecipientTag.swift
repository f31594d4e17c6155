/// The 4-byte tag that tells the CoverNode which journalist a U2C message is for:
/// `SHA-256(ASCII journalist id)[0..4]`. `00000000` marks cover traffic.
public struct RecipientTag: Hashable, Sendable {
    /// Tag length in bytes.
    public static let length = MessageSizes.recipientTag
    /// The reserved all-zero tag of cover messages.
    public static let cover = RecipientTag(unchecked: [0, 0, 0, 0])

    /// The 4 tag bytes.
    public let bytes: [UInt8]

    /// The tag of a journalist or desk.
    /// - Throws: `TiplineCoreError` when `journalistId` is not a valid identifier (see ``JournalistID``).
    public init(journalistId: String) throws {
        try JournalistID.validate(journalistId)
        bytes = Array(Hashing.sha256(Array(journalistId.utf8)).prefix(Self.length))
    }

    /// Wraps 4 received bytes.
    public init(bytes: [UInt8]) throws {
        try requireLength(bytes.count, is: Self.length, "a recipient tag")
        self.bytes = bytes
    }

    init(unchecked bytes: [UInt8]) { self.bytes = bytes }

    /// Whether this is the cover tag.
    public var isCover: Bool { self == .cover }
    /// The tag as lowercase hex, as published in journalist profiles.
    public var hex: String { Hex.encode(bytes) }
}

/// Rules for journalist and desk identifiers: non-empty ASCII, at most 128 bytes, no `/` or `\`.
public enum JournalistID {
    /// Longest identifier in bytes.
    public static let maxLength = 128

    /// Throws unless `id` is a valid journalist identifier.
    public static func validate(_ id: String) throws {
        let bytes = Array(id.utf8)
        guard !bytes.isEmpty, bytes.count < maxLength,
            bytes.allSatisfy({ $0 > 0x20 && $0 < 0x7f && $0 != 0x2f && $0 != 0x5c })
        else {
            throw TiplineCoreError(
                .invalidArgument, "a journalist id is 1-127 printable ASCII characters without / or \\")
        }
    }
}
