import Foundation
import Testing
import TiplineCore

@testable import TiplineClient

@Suite("Passphrases")
struct PassphraseTests {
    let list: WordList

    init() throws { list = try WordList.bundled() }

    @Test("the bundled word list is CoverDrop's file, byte for byte")
    func bundledListHash() throws {
        let bytes = try [UInt8](Data(contentsOf: try #require(WordList.resourceURL)))
        #expect(Hex.encode(Hashing.sha256(bytes)) == "471bd1759d68b66e6e2bddf00df419f01e2ee00448bcbd9be9a21a08dfd70892")
        #expect(list.words.count == 7776)
        #expect(Set(list.words).count == 7775)  // "yo-yo" lost its hyphen and repeats "yoyo"
        #expect(list.words.first == "abacus")
        #expect(list.words.last == "zoom")
        #expect(list.words.allSatisfy { $0.utf8.allSatisfy { (0x61...0x7a).contains($0) } })
    }

    @Test("an altered word list is refused")
    func alteredListRefused() throws {
        var bytes = try [UInt8](Data(contentsOf: try #require(WordList.resourceURL)))
        bytes[bytes.count - 2] ^= 0x01
        #expect(throws: ClientError.self) { try WordList(fileContents: bytes) }
    }

    @Test("generated passphrases have the requested number of list words, drawn independently")
    func generation() throws {
        var seen = Set<String>()
        for _ in 0..<200 {
            let passphrase = Passphrase.generate(wordCount: 5, from: list)
            #expect(passphrase.words.count == 5)
            #expect(passphrase.words.allSatisfy(list.contains))
            #expect(passphrase.normalized == passphrase.words.joined(separator: " "))
            seen.formUnion(passphrase.words)
        }
        // 1,000 uniform draws from 7,776 words: about 940 distinct are expected; a broken generator gives far fewer.
        #expect(seen.count > 850)
        let secret = Passphrase.generate(wordCount: 5, from: list)
        #expect(secret.words.allSatisfy { !secret.description.contains($0) && !"\(secret)".contains($0) })
    }

    @Test("typed input is trimmed, lower-cased and joined by single spaces")
    func normalisation() throws {
        let typed = try Passphrase(typed: "  Abacus\tZOOM  dropdown\n felttip   abdomen ", wordCount: 5, wordList: list)
        #expect(typed.normalized == "abacus zoom dropdown felttip abdomen")
        let fields = try Passphrase(
            typedWords: [" abacus", "Zoom ", "dropdown", "", "FELTTIP", "abdomen"], wordCount: 5, wordList: list)
        #expect(fields == typed)
    }

    @Test(
        "malformed input is refused before any key derivation",
        arguments: [
            "abacus zoom dropdown felttip",  // too few words
            "abacus zoom dropdown felttip abdomen abacus",  // too many
            "abacus zoom dropdown felttip abdomenx",  // not a list word
            "abacus zoom dröpdown felttip abdomen",  // non-ASCII letter
            "abacus zoom drop-down felttip abdomen",  // punctuation
            "abacus zoom dropdown felttip abd0men",  // digit
            "",
        ])
    func malformed(_ input: String) {
        let error = #expect(throws: ClientError.self) {
            try Passphrase(typed: input, wordCount: 5, wordList: self.list)
        }
        #expect(error?.code == .invalidPassphrase)
        #expect(input.isEmpty || !(error?.message.contains(input) ?? true))
    }
}
