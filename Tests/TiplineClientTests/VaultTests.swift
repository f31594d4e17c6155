import Foundation
import Testing
import TiplineCore

@testable import TiplineClient

@Suite("Deniable vault")
struct VaultTests {
    let list: WordList
    let kdf = PasswordKDF.testOnly
    let now = Timestamp(seconds: 1_900_000_000)
    /// An expiry cutoff well before `now`, so that no message of these tests is dropped as expired.
    let longAgo = Timestamp(seconds: 1_800_000_000)

    init() throws { list = try WordList.bundled() }

    func passphrase() -> Passphrase { .generate(wordCount: 5, from: list) }

    @Test("the file is 524,344 bytes whatever the content, and a fresh nonce changes every byte after the salt")
    func fixedSize() throws {
        var session = try VaultSession.create(passphrase(), kdf: kdf)
        let empty = try session.seal(expiredBefore: longAgo)
        session.content.messages = (0..<50).map { index in
            MailboxMessage(
                journalistId: "alice", date: now,
                kind: .sent(text: String(repeating: "x", count: index * 100), hint: SecureRandom.bytes(32)))
        }
        let full = try session.seal(expiredBefore: longAgo)
        let again = try session.seal(expiredBefore: longAgo)
        #expect(empty.bytes.count == 524_344)
        #expect(full.bytes.count == 524_344)
        #expect(SealedVault.fileLength == 16 + 524_288 + 40)
        #expect(full.salt == again.salt)
        let differing = zip(full.bytes.dropFirst(16), again.bytes.dropFirst(16)).filter { $0 != $1 }.count
        #expect(differing > 520_000)
    }

    @Test("content round-trips through the fixed binary layout")
    func roundTrip() throws {
        let words = passphrase()
        var session = try VaultSession.create(words, kdf: kdf)
        let position = DeadDropPosition(deadDropId: 42, index: 7)
        session.content.messages = [
            MailboxMessage(
                journalistId: "alice", date: now, kind: .sent(text: "hello 👋", hint: SecureRandom.bytes(32))),
            MailboxMessage(
                journalistId: "alice", date: now.adding(.seconds(60)),
                kind: .received(text: "reply", position: position)),
            MailboxMessage(
                journalistId: "alice", date: now.adding(.seconds(61)),
                kind: .handover(target: "bob", position: position)),
        ]
        let sealed = try session.seal(expiredBefore: longAgo)
        let reopened = try VaultSession.open(try SealedVault(fileBytes: sealed.bytes), passphrase: words, kdf: kdf)
        #expect(reopened.content.messages == session.content.messages)
        #expect(reopened.content.queueSecret == session.content.queueSecret)
        #expect(reopened.content.userPublicKey == session.content.userPublicKey)
    }

    @Test(
        "wiping a session overwrites the derived key, the reply secret key and the queue secret, and drops the mailbox")
    func wipeClearsEverySecret() throws {
        var session = try VaultSession.create(passphrase(), kdf: kdf)
        session.content.messages = [
            MailboxMessage(journalistId: "alice", date: now, kind: .sent(text: "secret", hint: SecureRandom.bytes(32)))
        ]
        session.wipe()
        #expect(session.key.allSatisfy { $0 == 0 })
        #expect(session.content.userSecretKey.allSatisfy { $0 == 0 })
        #expect(session.content.queueSecret.allSatisfy { $0 == 0 })
        #expect(session.content.messages.isEmpty)
    }

    @Test("a wrong passphrase and a never-used vault give the same error")
    func wrongPassphrase() throws {
        let used = try VaultSession.create(passphrase(), kdf: kdf).seal(expiredBefore: longAgo)
        var neverUsed = try VaultSession.create(passphrase(), kdf: kdf)
        let neverUsedBytes = try neverUsed.seal(expiredBefore: longAgo)
        neverUsed.wipe()
        var errors: [ClientError] = []
        for sealed in [used, neverUsedBytes] {
            let error = #expect(throws: ClientError.self) {
                try VaultSession.open(sealed, passphrase: self.passphrase(), kdf: self.kdf)
            }
            errors.append(try #require(error))
        }
        #expect(errors[0] == errors[1])
        #expect(errors[0].code == .passphraseRejected)
    }

    @Test("a tampered or truncated file is refused without trapping")
    func tamperedAndTruncated() throws {
        let words = passphrase()
        let sealed = try VaultSession.create(words, kdf: kdf).seal(expiredBefore: longAgo)
        var flipped = sealed.bytes
        flipped[1000] ^= 0x80
        let error = #expect(throws: ClientError.self) {
            try VaultSession.open(try SealedVault(fileBytes: flipped), passphrase: words, kdf: self.kdf)
        }
        #expect(error?.code == .passphraseRejected)
        for length in [0, 16, 1000, SealedVault.fileLength - 1] {
            #expect(throws: ClientError.self) { try SealedVault(fileBytes: Array(sealed.bytes.prefix(length))) }
        }
        #expect(throws: ClientError.self) { try SealedVault(fileBytes: sealed.bytes + [0]) }
    }

    @Test("neither the text, nor the keys, nor the hint appear in the file")
    func noPlaintext() throws {
        var session = try VaultSession.create(passphrase(), kdf: kdf)
        let text = "Meet me at the old station at nine, bring the documents"
        let hint = SecureRandom.bytes(32)
        session.content.messages = [
            MailboxMessage(journalistId: "alice", date: now, kind: .sent(text: text, hint: hint))
        ]
        let bytes = try session.seal(expiredBefore: longAgo).bytes
        for needle in [
            Array(text.utf8), Array("alice".utf8), hint, session.content.userSecretKey,
            session.content.userPublicKey.bytes, session.content.queueSecret, session.key,
        ] {
            #expect(!bytes.contains(subsequence: needle))
        }
        #expect(ByteStatistics.chiSquare(bytes) < ByteStatistics.chiSquareLimit)
    }

    @Test("expired messages are left out and the oldest are trimmed when the mailbox outgrows 512 KiB")
    func expiryAndTrimming() throws {
        let long = String(repeating: "0123456789abcdef", count: 2000)  // 32 KB each
        var content = try ReaderVaultContent.fresh()
        content.messages = (0..<20).map { index in
            MailboxMessage(
                journalistId: "alice", date: now.adding(.seconds(Int64(index))),
                kind: .sent(text: long, hint: SecureRandom.bytes(32)))
        }
        content.messages.append(
            MailboxMessage(
                journalistId: "bob", date: now.adding(.seconds(-10)),
                kind: .sent(text: "old", hint: SecureRandom.bytes(32))))
        let plaintext = content.serialized(expiredBefore: now)
        #expect(plaintext.count == ReaderVaultContent.plaintextLength)
        let parsed = try ReaderVaultContent(plaintext: plaintext)
        #expect(!parsed.messages.contains { $0.journalistId == "bob" })
        #expect(parsed.messages.count == 16)
        #expect(parsed.messages.map(\.date) == (4..<20).map { now.adding(.seconds(Int64($0))) })
    }

    @Test("malformed plaintext never traps")
    func malformedPlaintext() throws {
        var plaintext = try ReaderVaultContent.fresh().serialized(expiredBefore: now)
        plaintext[49...52] = [0, 0, 0, 3]  // claims three messages; the bytes after are zero
        #expect(throws: ClientError.self) { try ReaderVaultContent(plaintext: plaintext) }
        plaintext[0] = 9
        #expect(throws: ClientError.self) { try ReaderVaultContent(plaintext: plaintext) }
        #expect(throws: ClientError.self) { try ReaderVaultContent(plaintext: Array(plaintext.prefix(100))) }
    }
}
