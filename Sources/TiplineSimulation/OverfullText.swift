import TiplineCore

/// Long messages for over-full sources: as long as one message may be once compressed (and within the
/// decompression-ratio limit), so that a few dozen of them overflow the fixed-size vault.
enum OverfullText {
    private static let phrase =
        "The documents show that the payments went through three companies registered at the same address, "
        + "and that the invoices were signed by the same person on the same day, every month of the last year. "

    /// Message `number`: blocks of the phrase, each followed by a varying digit, grown while the text still fits.
    static func make(number: Int) -> String {
        var low = 1, high = 400
        while low < high {
            let middle = (low + high + 1) / 2
            if fits(text(number: number, blocks: middle)) { low = middle } else { high = middle - 1 }
        }
        return text(number: number, blocks: low)
    }

    private static func text(number: Int, blocks: Int) -> String {
        var state = UInt64(truncatingIfNeeded: number) &* 6_364_136_223_846_793_005 &+ 1
        var text = "Long tip \(number). "
        for _ in 0..<blocks {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            text += phrase + String(state >> 60) + " "
        }
        return text
    }

    private static func fits(_ text: String) -> Bool { (try? PaddedCompressedString(text: text)) != nil }
}
