import PropertyBased
import Testing
import TiplineCore

@Suite struct MessageTests {
    let coverNode = try! EncryptionKeyPair<Role.CoverNodeMessaging>.generate()
    let journalist = try! EncryptionKeyPair<Role.JournalistMessaging>.generate()
    let user = try! EncryptionKeyPair<Role.User>.generate()

    @Test func sizesAreCoverDrops() {
        #expect(MessageSizes.userToCoverNodeEncrypted == 2 * 80 + MessageSizes.userToCoverNode + 16)
        #expect(MessageSizes.coverNodeToJournalistEncrypted == MessageSizes.userToJournalistEncrypted + 40)
        #expect(MessageSizes.journalistToCoverNodeEncrypted == 2 * 80 + MessageSizes.journalistToCoverNode + 16)
        #expect(MessageSizes.journalistToUserEncrypted == MessageSizes.journalistToUser + 40)
    }

    @Test func userMessageTravelsToTheJournalist() async throws {
        await propertyCheck(count: 20, input: Gen.letterOrNumber.string(of: 0...200)) { text throws in
            let u2c = try UserToCoverNodeMessage.seal(
                text: text, replyKey: user.publicKey, journalistId: "alice", journalistKey: journalist.publicKey,
                coverNodeKeys: [coverNode.publicKey])
            #expect(u2c.count == 773)
            guard case .real(let tag, let sealed) = try UserToCoverNodeMessage.open(u2c, with: coverNode) else {
                Issue.record("a real message opened as cover")
                return
            }
            #expect(tag == (try RecipientTag(journalistId: "alice")))
            let c2j = try CoverNodeToJournalistMessage.seal(sealed, from: coverNode, to: journalist.publicKey)
            #expect(c2j.count == 633)
            let shared = try TwoPartyBox.SharedKey(mine: journalist, theirs: coverNode.publicKey)
            let inner = try UserToJournalistMessage.open(try #require(shared.open(c2j[...])), with: journalist)
            #expect(inner.replyKey == user.publicKey)
            #expect(try inner.text.text() == text)
        }
    }

    @Test func coverIsTheSameSizeAndOpensAsCover() throws {
        let cover = try UserToCoverNodeMessage.sealCover(to: [coverNode.publicKey])
        #expect(cover.count == 773)
        #expect(try UserToCoverNodeMessage.open(cover, with: coverNode) == .cover)
        let j2cCover = try JournalistToCoverNodeMessage.cover.seal(to: [coverNode.publicKey])
        #expect(j2cCover.count == 730)
        #expect(try JournalistToCoverNodeMessage.open(j2cCover, with: coverNode) == .cover)
    }

    @Test func replyTravelsToTheUser() throws {
        let reply = JournalistToUserMessage.message(try PaddedCompressedString(text: "thank you"))
        let j2u = try reply.seal(from: journalist, to: user.publicKey)
        #expect(j2u.count == 553)
        let j2c = try JournalistToCoverNodeMessage.real(sealedReply: j2u).seal(to: [coverNode.publicKey])
        #expect(j2c.count == 730)
        guard case .real(let published) = try JournalistToCoverNodeMessage.open(j2c, with: coverNode) else {
            Issue.record("a real reply opened as cover")
            return
        }
        let shared = try TwoPartyBox.SharedKey(mine: user, theirs: journalist.publicKey)
        #expect(JournalistToUserMessage.open(published[...], sharedKey: shared) == reply)
        let stranger = try TwoPartyBox.SharedKey(
            mine: EncryptionKeyPair<Role.User>.generate(), theirs: journalist.publicKey)
        #expect(JournalistToUserMessage.open(published[...], sharedKey: stranger) == nil)
    }

    @Test func handoverRoundTrips() throws {
        let handover = JournalistToUserMessage.handover(journalistId: "investigations_desk")
        let bytes = try handover.serialized()
        #expect(bytes.count == 513)
        #expect(try JournalistToUserMessage(serialized: bytes) == handover)
        var unterminated = bytes
        for index in 1..<unterminated.count { unterminated[index] = 0x61 }
        #expect(throws: TiplineCoreError.self) { try JournalistToUserMessage(serialized: unterminated) }
        var unknown = bytes
        unknown[0] = 7
        #expect(throws: TiplineCoreError.self) { try JournalistToUserMessage(serialized: unknown) }
    }

    @Test func fillersHaveTheSizesOfRealMessages() throws {
        #expect(try CoverNodeToJournalistMessage.filler(from: coverNode).count == 633)
        #expect(try JournalistToUserMessage.filler().count == 553)
    }

    @Test func wrongSizesAndTamperingAreErrors() throws {
        let u2c = try UserToCoverNodeMessage.sealCover(to: [coverNode.publicKey])
        #expect(throws: TiplineCoreError.self) {
            try UserToCoverNodeMessage.open(Array(u2c.dropLast()), with: coverNode)
        }
        var tampered = u2c
        tampered[700] ^= 1
        #expect(throws: TiplineCoreError.self) { try UserToCoverNodeMessage.open(tampered, with: coverNode) }
        #expect(throws: TiplineCoreError.self) {
            try UserToCoverNodeMessage.open(u2c, with: EncryptionKeyPair.generate())
        }
        #expect(throws: TiplineCoreError.self) { try JournalistToCoverNodeMessage.open(u2c, with: coverNode) }
        #expect(throws: TiplineCoreError.self) { try MultiAnonymousBox.open([1, 2, 3], with: coverNode) }
        #expect(throws: TiplineCoreError.self) {
            try TwoPartyBox.open([UInt8](repeating: 0, count: 39), from: journalist.publicKey, with: user)
        }
        #expect(throws: TiplineCoreError.self) { try AnonymousBox.open([UInt8](repeating: 0, count: 47), with: user) }
        #expect(throws: TiplineCoreError.self) { try UserToCoverNodeMessage.sealCover(to: []) }
    }

    @Test func twoCoverNodesAreBothUsed() throws {
        let second = try EncryptionKeyPair<Role.CoverNodeMessaging>.generate()
        let keys = try CoverNodeKeySelection.wrappingKeys(from: [
            coverNode.publicKey, coverNode.publicKey, second.publicKey,
        ])
        #expect(keys == [coverNode.publicKey, second.publicKey])
        let u2c = try UserToCoverNodeMessage.cover.seal(to: [coverNode.publicKey, second.publicKey])
        #expect(try UserToCoverNodeMessage.open(u2c, with: second) == .cover)
        #expect(try UserToCoverNodeMessage.open(u2c, with: coverNode) == .cover)
    }

    @Test func boxesRoundTripAnyPayload() async throws {
        await propertyCheck(count: 50, input: Gen<UInt8>.value(in: 0...255).array(of: 0...700)) { payload throws in
            #expect(try AnonymousBox.open(AnonymousBox.seal(payload, to: user.publicKey), with: user) == payload)
            #expect(
                try TwoPartyBox.open(
                    TwoPartyBox.seal(payload, from: journalist, to: user.publicKey), from: journalist.publicKey,
                    with: user) == payload)
            #expect(
                try MultiAnonymousBox.open(
                    MultiAnonymousBox.seal(payload, to: [coverNode.publicKey]), with: coverNode, recipients: 1)
                    == payload)
            let key = SecureRandom.bytes(32)
            let box = try SecretBox.seal(payload, key: key)
            #expect(box.count == payload.count + SecretBox.overhead)
            #expect(try SecretBox.open(box, key: key) == payload)
            #expect(throws: TiplineCoreError.self) { try SecretBox.open(box, key: SecureRandom.bytes(32)) }
        }
    }

    @Test func lowOrderAndShortKeysAreRefused() throws {
        // A low-order key cannot even be made, so no box is ever sealed to one (PublicKeyValidationTests).
        #expect(throws: TiplineCoreError.self) {
            try EncryptionPublicKey<Role.User>(bytes: [UInt8](repeating: 0, count: 32))
        }
        #expect(throws: TiplineCoreError.self) { try EncryptionPublicKey<Role.User>(bytes: [1, 2]) }
    }

    @Test func argon2idIsDeterministicAndSalted() throws {
        let salt = SecureRandom.bytes(16)
        let a = try PasswordKDF.testOnly.deriveKey(password: Array("correct horse".utf8), salt: salt)
        #expect(a == (try PasswordKDF.testOnly.deriveKey(password: Array("correct horse".utf8), salt: salt)))
        #expect(
            a
                != (try PasswordKDF.testOnly.deriveKey(
                    password: Array("correct horse".utf8), salt: SecureRandom.bytes(16))))
        #expect(throws: TiplineCoreError.self) { try PasswordKDF.testOnly.deriveKey(password: [1], salt: [1, 2]) }
    }

    /// A cost read from a damaged file is refused before libsodium sees it (`Int.max / 512` KiB used to overflow the
    /// byte count and trap).
    @Test func argon2idRefusesCostsOutsideTheAcceptedRanges() {
        let salt = SecureRandom.bytes(16)
        for (memory, passes) in [(8_191, 1), (4_194_305, 1), (Int.max / 512, 1), (8_192, 0), (8_192, 65)]
            as [(Int, UInt64)]
        {
            let kdf = PasswordKDF(memoryKiB: memory, iterations: passes)
            #expect(!kdf.hasAcceptedCost)
            #expect(throws: TiplineCoreError.self) { try kdf.deriveKey(password: [1], salt: salt) }
        }
        #expect(PasswordKDF.testOnly.hasAcceptedCost && PasswordKDF.vault.hasAcceptedCost)
    }

    @Test func shuffleIsAPermutation() {
        var values = Array(0..<100)
        SecureRandom.shuffle(&values)
        #expect(values.sorted() == Array(0..<100))
        #expect(Hashing.constantTimeEquals([1, 2], [1, 2]))
        #expect(!Hashing.constantTimeEquals([1, 2], [1, 3]))
    }
}
