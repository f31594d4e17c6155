import CompressNIO
import NIOCore

/// Human text as it travels in every message: `u16 BE length ‖ gzip member ‖ random padding`, 512 bytes.
///
/// Tipline uses one canonical encoder on every platform (zlib level 6 with the header Rust's `flate2` writes,
/// `1f 8b 08 00 00000000 00 ff`), so the compressed bytes do not reveal the sender's platform. Decoding accepts
/// any valid gzip member and refuses decompression bombs.
public struct PaddedCompressedString: Hashable, Sendable {
    /// Total size in bytes.
    public static let length = MessageSizes.paddedText
    /// Largest compressed size that fits.
    public static let maxCompressedLength = length - 2
    /// Decoders refuse a text more than this many times larger than its compressed form (CoverDrop's guard).
    public static let maxDecompressionRatio = 100
    private static let canonicalHeader: [UInt8] = [0x1f, 0x8b, 0x08, 0x00, 0, 0, 0, 0, 0x00, 0xff]

    /// The 512 bytes.
    public let bytes: [UInt8]

    /// Compresses and pads `text`.
    /// - Throws: `TiplineCoreError` with `.tooLong` when the compressed text exceeds 510 bytes, or when it is so
    ///   compressible that other clients would refuse it as a decompression bomb.
    public init(text: String) throws {
        let compressed = try Self.compress(Array(text.utf8))
        guard compressed.count <= Self.maxCompressedLength else {
            throw TiplineCoreError(
                .tooLong, "the message is \(compressed.count - Self.maxCompressedLength) bytes too long once compressed"
            )
        }
        guard text.utf8.count / compressed.count < Self.maxDecompressionRatio else {
            throw TiplineCoreError(.tooLong, "the message is too repetitive to be accepted by every client")
        }
        let length = UInt16(compressed.count)
        bytes =
            [UInt8(length >> 8), UInt8(length & 0xff)] + compressed
            + SecureRandom.bytes(Self.length - 2 - compressed.count)
    }

    /// Wraps 512 received bytes; nothing is decoded until ``text()`` is called.
    /// - Throws: `TiplineCoreError` with `.invalidLength` unless there are exactly 512 bytes.
    public init<C: Collection<UInt8>>(bytes: C) throws {
        try requireLength(bytes.count, is: Self.length, "a padded text")
        self.bytes = Array(bytes)
    }

    /// The compressed size `text` would have, for live "bytes left" counters.
    public static func compressedLength(of text: String) throws -> Int {
        try compress(Array(text.utf8)).count
    }

    /// Whether `text` fits into a padded compressed string.
    public static func fits(_ text: String) -> Bool { (try? PaddedCompressedString(text: text)) != nil }

    /// Decodes the text.
    /// - Throws: `TiplineCoreError` with `.invalidMessage` for a bad length field, corrupt gzip, invalid UTF-8 or
    ///   a decompression bomb. Never crashes, whatever the bytes.
    public func text() throws -> String {
        let length = Int(bytes[0]) << 8 | Int(bytes[1])
        guard length > 0, length <= Self.maxCompressedLength else {
            throw TiplineCoreError(.invalidMessage, "invalid compressed length \(length)")
        }
        var buffer = ByteBuffer(bytes: bytes[2..<2 + length])
        let limit = length * (Self.maxDecompressionRatio + 1) - 1
        let inflated: ByteBuffer
        do {
            inflated = try buffer.decompress(with: .gzip(), maxSize: limit)
        } catch {
            throw TiplineCoreError(.invalidMessage, "the text is not valid gzip or is too large once decompressed")
        }
        guard let text = String(validating: inflated.readableBytesView, as: UTF8.self) else {
            throw TiplineCoreError(.invalidMessage, "the text is not valid UTF-8")
        }
        guard text.utf8.count / length <= Self.maxDecompressionRatio else {
            throw TiplineCoreError(.invalidMessage, "decompression ratio exceeds \(Self.maxDecompressionRatio)")
        }
        return text
    }

    private static func compress(_ utf8: [UInt8]) throws -> [UInt8] {
        var input = ByteBuffer(bytes: utf8)
        let configuration = ZlibConfiguration(windowSize: 15, compressionLevel: 6)
        guard var output = try? input.compress(with: .gzip(configuration: configuration)),
            let member = output.readBytes(length: output.readableBytes), member.count >= 18
        else { throw TiplineCoreError(.invalidArgument, "gzip compression failed") }
        // zlib writes the OS byte of the machine it runs on; the canonical header hides the platform.
        return canonicalHeader + member[canonicalHeader.count...]
    }
}
