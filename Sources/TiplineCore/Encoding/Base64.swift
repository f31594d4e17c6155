import Foundation

/// RFC 4648 standard-alphabet base64. CoverDrop emits blobs without padding and signed-form bodies with it;
/// decoders accept both.
public enum Base64 {
    /// Encodes with `=` padding.
    public static func encodePadded(_ bytes: [UInt8]) -> String { Data(bytes).base64EncodedString() }

    /// Encodes without `=` padding (CoverDrop's form for boxes and dead-drop data).
    public static func encodeUnpadded(_ bytes: [UInt8]) -> String {
        var text = encodePadded(bytes)
        while text.hasSuffix("=") { text.removeLast() }
        return text
    }

    /// Decodes padded or unpadded standard base64; whitespace is not allowed.
    /// - Throws: `TiplineCoreError` with `.invalidEncoding` for anything else.
    public static func decode(_ text: String) throws -> [UInt8] {
        let body = text.utf8.reversed().drop { $0 == UInt8(ascii: "=") }
        guard text.utf8.count - body.count <= 2, body.allSatisfy(isAlphabet) else {
            throw TiplineCoreError(.invalidEncoding, "invalid base64")
        }
        var padded = text
        switch text.utf8.count % 4 {
        case 2: padded += "=="
        case 3: padded += "="
        case 1: throw TiplineCoreError(.invalidEncoding, "invalid base64 length")
        default: break
        }
        guard let data = Data(base64Encoded: padded) else {
            throw TiplineCoreError(.invalidEncoding, "invalid base64")
        }
        return [UInt8](data)
    }

    private static func isAlphabet(_ char: UInt8) -> Bool {
        switch char {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "+"), UInt8(ascii: "/"):
            true
        default: false
        }
    }
}
