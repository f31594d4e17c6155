import Foundation
import TiplineCore

/// The compose box's rules: the limit is on the reply's compressed size, so the count shown is of compressed
/// bytes left, and the server refuses a reply that does not fit before anything is queued.
enum ReplyDraft {
    /// The text as the journalist meant it: browsers send line breaks of a text area as CR LF.
    static func normalized(_ text: String) -> String {
        text.replacingOccurrences(of: "\r\n", with: "\n")
    }

    /// Compressed bytes left (negative when the text is too long).
    static func remaining(_ text: String) -> Int {
        guard let length = try? PaddedCompressedString.compressedLength(of: text) else { return -1 }
        return PaddedCompressedString.maxCompressedLength - length
    }

    /// `490 bytes left`, `1 byte left`, or `12 bytes too many`.
    static func label(_ text: String) -> String {
        let remaining = remaining(text)
        if remaining < 0 { return "\(-remaining) \(-remaining == 1 ? "byte" : "bytes") too many" }
        return "\(remaining) \(remaining == 1 ? "byte" : "bytes") left"
    }

    /// Why `text` cannot be queued, or `nil` when it can.
    static func problem(_ text: String) -> String? {
        if text.allSatisfy(\.isWhitespace) { return "The reply is empty." }
        let remaining = remaining(text)
        guard remaining >= 0 else {
            return "The reply is too long: \(-remaining) \(-remaining == 1 ? "byte" : "bytes") over the limit once "
                + "compressed. Shorten it and queue it again."
        }
        return nil
    }
}
