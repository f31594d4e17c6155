import Foundation
import TiplineCore

/// The EFF large word list (7,776 words) that passphrases are drawn from, bundled with the library.
///
/// The file is the one CoverDrop's apps ship, byte for byte; it is checked against its SHA-256 when loaded so that
/// an altered bundle fails closed instead of producing weaker passphrases. In this copy the hyphen was removed from
/// "yo-yo", so "yoyo" appears twice (7,775 distinct words): a word is worth about 12.92 bits instead of 12.925.
package struct WordList: Sendable {
    /// SHA-256 of the bundled file (`spec/CLIENT.md` §8.1).
    package static let sha256Hex = "471bd1759d68b66e6e2bddf00df419f01e2ee00448bcbd9be9a21a08dfd70892"
    /// Number of words.
    package static let count = 7776

    /// The words in list order (dice order).
    package let words: [String]
    private let lookup: Set<String>

    /// The bundled list, loaded and verified once.
    /// - Throws: ``ClientError`` with `.wordListInvalid` when the resource is missing or altered.
    package static func bundled() throws -> WordList {
        switch loaded {
        case .success(let list): return list
        case .failure(let error): throw error
        }
    }

    /// Where the bundled file is.
    static var resourceURL: URL? { Bundle.module.url(forResource: "eff_large_wordlist", withExtension: "txt") }

    private static let loaded: Result<WordList, ClientError> = Result {
        guard let url = resourceURL, let data = try? Data(contentsOf: url)
        else { throw ClientError(.wordListInvalid, "the bundled word list is missing") }
        return try WordList(fileContents: [UInt8](data))
    }.mapError { $0 as? ClientError ?? ClientError(.wordListInvalid, "the bundled word list cannot be read") }

    /// Parses and verifies the contents of `eff_large_wordlist.txt` (`NNNNN<TAB>word` lines).
    /// - Throws: ``ClientError`` with `.wordListInvalid` unless the bytes hash to ``sha256Hex``.
    package init(fileContents: [UInt8]) throws {
        guard Hex.encode(Hashing.sha256(fileContents)) == Self.sha256Hex else {
            throw ClientError(.wordListInvalid, "the word list does not have the expected SHA-256")
        }
        let lines = String(decoding: fileContents, as: UTF8.self).split(separator: "\n")
        words = lines.compactMap { line in line.split(separator: "\t").last.map(String.init) }
        lookup = Set(words)
        guard words.count == Self.count else {
            throw ClientError(.wordListInvalid, "the word list does not hold \(Self.count) words")
        }
    }

    /// Whether `word` (already lower-case) is in the list.
    package func contains(_ word: String) -> Bool { lookup.contains(word) }

    /// A word drawn uniformly with the CSPRNG (rejection sampling, no modulo bias).
    package func randomWord() -> String { words[SecureRandom.uniform(words.count)] }
}
