/// How much of one message a text uses, for a live counter (`spec/CLIENT.md` §11.1): the limit is on the
/// compressed size, not on characters.
public struct MessageLength: Hashable, Sendable {
    /// Compressed size of the text in bytes.
    public let compressedBytes: Int
    /// Largest compressed size that fits.
    public let limit: Int

    /// Whether the text can be sent.
    public var fits: Bool { compressedBytes <= limit }
    /// Share of the limit used, 0 to 100 (more when too long).
    public var percentUsed: Int { compressedBytes * 100 / max(limit, 1) }
}
