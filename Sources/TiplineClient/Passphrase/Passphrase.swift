import Foundation
import TiplineCore

/// A vault passphrase in its normalised form: list words, lower-case ASCII, joined by single spaces.
///
/// The normalised UTF-8 bytes are the key-derivation input. Instances exist only in memory; nothing in the library
/// writes or logs them.
public struct Passphrase: Hashable, Sendable, CustomStringConvertible {
    /// The words, in order.
    public let words: [String]

    /// The key-derivation input: the words joined by single ASCII spaces.
    public var normalized: String { words.joined(separator: " ") }

    /// Draws `wordCount` independent words uniformly from `wordList` (each word carries log2(7776) ≈ 12.9 bits).
    package static func generate(wordCount: Int, from wordList: WordList) -> Passphrase {
        Passphrase(trustedWords: (0..<max(wordCount, 1)).map { _ in wordList.randomWord() })
    }

    /// Normalises what a reader typed (`spec/CLIENT.md` §8.3): splits on whitespace, trims, lower-cases ASCII letters,
    /// refuses anything but `a–z`, checks every word against the list and the word count against `wordCount`.
    /// All of this happens before any key derivation.
    /// - Throws: ``ClientError`` with `.invalidPassphrase`; the message never repeats the input.
    package init(typed input: String, wordCount: Int, wordList: WordList) throws {
        try self.init(
            typedWords: input.split(whereSeparator: { $0.isWhitespace }).map(String.init),
            wordCount: wordCount, wordList: wordList)
    }

    /// Normalises one entry per word (a form with one field per word), with the same rules as ``init(typed:wordCount:wordList:)``.
    package init(typedWords input: [String], wordCount: Int, wordList: WordList) throws {
        let fields = input.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
        guard fields.count == wordCount else {
            throw ClientError(.invalidPassphrase, "the passphrase has \(wordCount) words, \(fields.count) were entered")
        }
        var words: [String] = []
        for (position, field) in fields.enumerated() {
            let lowered = field.unicodeScalars.map { scalar -> UInt8? in
                switch scalar.value {
                case 0x61...0x7a: UInt8(scalar.value)
                case 0x41...0x5a: UInt8(scalar.value + 0x20)
                default: nil
                }
            }
            guard !lowered.contains(nil) else {
                throw ClientError(.invalidPassphrase, "word \(position + 1) contains a character other than a to z")
            }
            let word = String(decoding: lowered.compactMap { $0 }, as: UTF8.self)
            guard wordList.contains(word) else {
                throw ClientError(.invalidPassphrase, "word \(position + 1) is not in the word list")
            }
            words.append(word)
        }
        self.init(trustedWords: words)
    }

    private init(trustedWords: [String]) { words = trustedWords }

    /// Redacted, so that a passphrase printed by accident does not leak.
    public var description: String { "Passphrase(\(words.count) words)" }
}
