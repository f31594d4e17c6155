import Testing
import TiplineCore

/// CoverDrop's own test vectors (`spec/PROTOCOL.md` §10), byte for byte.
@Suite struct VectorTests {
    @Test func anonymousBoxOpens() throws {
        let pair = try EncryptionKeyPair<Role.Ephemeral>(secretKey: Fixtures.bytes("anonymous_box/02_recipient_sk"))
        #expect(pair.publicKey.bytes == (try Fixtures.bytes("anonymous_box/01_recipient_pk")))
        let box = try Fixtures.bytes("anonymous_box/04_anonymous_box")
        let message = try Fixtures.bytes("anonymous_box/03_message")
        #expect(box.count == message.count + AnonymousBox.overhead)
        #expect(try AnonymousBox.open(box, with: pair) == message)
    }

    @Test func twoPartyBoxOpens() throws {
        let sender = try EncryptionPublicKey<Role.Ephemeral>(bytes: Fixtures.bytes("two_party_box/01_sender_pk"))
        let recipient = try EncryptionKeyPair<Role.Ephemeral>(
            secretKey: Fixtures.bytes("two_party_box/04_recipient_sk"))
        #expect(recipient.publicKey.bytes == (try Fixtures.bytes("two_party_box/03_recipient_pk")))
        let box = try Fixtures.bytes("two_party_box/06_two_party_box")
        let message = try Fixtures.bytes("two_party_box/05_message")
        #expect(box.count == message.count + TwoPartyBox.overhead)
        #expect(try TwoPartyBox.open(box, from: sender, with: recipient) == message)
        let shared = try TwoPartyBox.SharedKey(mine: recipient, theirs: sender)
        #expect(shared.open(box[...]) == message)
    }

    @Test func multiAnonymousBoxOpensForBothRecipients() throws {
        let box = try Fixtures.bytes("multi_anonymous_box/06_multi_anonymous_box")
        let message = try Fixtures.bytes("multi_anonymous_box/05_message")
        #expect(box.count == message.count + MultiAnonymousBox.overhead())
        for (pk, sk) in [("01_recipient_1_pk", "02_recipient_1_sk"), ("03_recipient_2_pk", "04_recipient_2_sk")] {
            let pair = try EncryptionKeyPair<Role.CoverNodeMessaging>(
                secretKey: Fixtures.bytes("multi_anonymous_box/" + sk))
            #expect(pair.publicKey.bytes == (try Fixtures.bytes("multi_anonymous_box/" + pk)))
            #expect(try MultiAnonymousBox.open(box, with: pair) == message)
        }
    }

    @Test func signatureVerifiesAndIsReproduced() throws {
        let pair = try SigningKeyPair<Role.Ephemeral>(seed: Fixtures.bytes("signature/02_sk"))
        #expect(pair.publicKey.bytes == (try Fixtures.bytes("signature/01_pk")))
        let message = try Fixtures.bytes("signature/03_message")
        let expected = try Signature(bytes: Fixtures.bytes("signature/04_signature"))
        #expect(pair.publicKey.isValidSignature(expected, for: message))
        #expect(try pair.sign(message) == expected)
        var tampered = message
        tampered[0] ^= 1
        #expect(!pair.publicKey.isValidSignature(expected, for: tampered))
    }

    @Test func certificateDataMatches() throws {
        let key = try SigningPublicKey<Role.Ephemeral>(bytes: Fixtures.bytes("certificate_data/01_pk"))
        let expiry = try Timestamp(rfc3339: Fixtures.text("certificate_data/02_not_valid_after"))
        #expect(
            withUnsafeBytes(of: expiry.seconds.bigEndian, Array.init)
                == (try Fixtures.bytes("certificate_data/03_timestamp_bytes")))
        #expect(
            SignedPublicKey<SigningPublicKey<Role.Ephemeral>>.certificateData(key: key.bytes, notValidAfter: expiry)
                == (try Fixtures.bytes("certificate_data/04_certificate_data")))
    }

    @Test func journalistDeadDropDecryptsFiveOfTen() throws {
        let dir = "journalist_dead_drop/"
        let journalist = try EncryptionKeyPair<Role.JournalistMessaging>(
            secretKey: Fixtures.bytes(dir + "02_journalist_sk"))
        #expect(journalist.publicKey.bytes == (try Fixtures.bytes(dir + "01_journalist_pk")))
        let coverNode = try EncryptionPublicKey<Role.CoverNodeMessaging>(bytes: Fixtures.bytes(dir + "04_covernode_pk"))
        let user = try Fixtures.bytes(dir + "03_user_pk")
        let data = try Fixtures.bytes(dir + "05_journalist_dead_drop")
        #expect(data.count == 10 * MessageSizes.coverNodeToJournalistEncrypted)
        let shared = try TwoPartyBox.SharedKey(mine: journalist, theirs: coverNode)
        var texts: [String] = []
        for start in stride(from: 0, to: data.count, by: MessageSizes.coverNodeToJournalistEncrypted) {
            let outer = try #require(shared.open(data[start..<start + MessageSizes.coverNodeToJournalistEncrypted]))
            guard let inner = try? UserToJournalistMessage.open(outer, with: journalist) else { continue }
            #expect(inner.replyKey.bytes == user)
            #expect(inner.text.bytes[0..<2] == [0, 36])
            #expect(Array(inner.text.bytes[2..<12]) == [0x1f, 0x8b, 0x08, 0, 0, 0, 0, 0, 0, 0xff])
            texts.append(try inner.text.text())
        }
        #expect(texts == Array(repeating: "こんにちは", count: 5))
    }

    @Test func staleDeadDropDecryptsWithNothing() throws {
        let dir = "journalist_dead_drop/"
        let journalist = try EncryptionKeyPair<Role.JournalistMessaging>(
            secretKey: Fixtures.bytes(dir + "02_journalist_sk"))
        let coverNode = try EncryptionPublicKey<Role.CoverNodeMessaging>(bytes: Fixtures.bytes(dir + "04_covernode_pk"))
        let data = try Fixtures.bytes(dir + "04_journalist_dead_drop")
        let shared = try TwoPartyBox.SharedKey(mine: journalist, theirs: coverNode)
        #expect(data.count == 3360)
        #expect(stride(from: 0, to: data.count, by: 672).allSatisfy { shared.open(data[$0..<$0 + 672]) == nil })
    }

    @Test func humanReadableDigest() throws {
        let key = try SigningPublicKey<Role.Ephemeral>(
            hex: "c941a9beed1c8c945c27b150b5aa725a6366f71900a5e93607ba93254fe8d585")
        #expect(key.humanReadableDigest == "jdiH4c 9DO9cT kefiCh OXoQ")
    }

    @Test func recipientTags() throws {
        #expect(try RecipientTag(journalistId: "journalist_0").hex == "8483bad1")
        #expect(try RecipientTag(journalistId: "rosalind_franklin").hex == "d6e0cc6c")
    }

    @Test func wordListIsTheEFFLargeList() throws {
        let bytes = try Fixtures.bytes("eff_large_wordlist.txt")
        #expect(Hex.encode(Hashing.sha256(bytes)) == "471bd1759d68b66e6e2bddf00df419f01e2ee00448bcbd9be9a21a08dfd70892")
    }
}
