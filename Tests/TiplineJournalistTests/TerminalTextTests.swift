import Testing
import TiplineCore

@testable import TiplineJournalist

/// A source's text reaches the journalist's terminal (`tipline journalist read`): control characters other than
/// newline and tab must arrive escaped, or a source could fake lines, clear the screen or write the clipboard
/// (issue 13, item 7).
@Suite("Terminal-safe texts")
struct TerminalTextTests {
    static let attacks = [
        "\u{1B}]52;c;ZXZpbA==\u{07}",  // OSC 52: writes the clipboard
        "\u{1B}[2J\u{1B}[H",  // clears the screen
        "looks fine\rYou (sent 2030-01-01 00:00 UTC):",  // carriage return overwrites the line
        "\u{9B}31m",  // C1 CSI
        "bell\u{07}, backspace\u{08}, delete\u{7F}, nul\u{00}",
    ]

    @Test(arguments: attacks)
    func controlCharactersInASourceTextAreShownEscaped(text: String) {
        var contents = JournalistVaultContent(journalistId: "kim", trustAnchors: [], pendingSetup: nil)
        let now = Timestamp(seconds: 1_900_000_000)
        _ = contents.ensureSource(replyKey: "aa11223344556677", now: now)
        contents.appendMessage(
            replyKey: "aa11223344556677", direction: .incoming, at: now, text: "before\n\tindented " + text)
        let shown = JournalistText.conversation(contents.conversation(with: contents.sources[0]))
        let controls = shown.unicodeScalars.filter { $0.properties.generalCategory == .control }
        #expect(controls.allSatisfy { $0 == "\n" || $0 == "\t" }, "\(controls.map { $0.value })")
        #expect(shown.contains("    before\n    \tindented "))
        #expect(shown.contains("\\u{"))
    }

    @Test func escapingIsVisibleAndLeavesOrdinaryTextAlone() {
        #expect(JournalistText.terminalSafe("a\u{1B}[2Jb") == "a\\u{1B}[2Jb")
        #expect(JournalistText.terminalSafe("Grüße 🙂\nline\ttab") == "Grüße 🙂\nline\ttab")
    }
}
