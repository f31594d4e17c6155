import Testing
import TiplineCore
import TiplineTestSupport

/// X25519 public keys of small order or in a non-canonical encoding are refused wherever a key is parsed, so that
/// one such key can never reach a sealing step (issue 13, item 2).
@Suite struct PublicKeyValidationTests {
    typealias JournalistKey = EncryptionPublicKey<Role.JournalistMessaging>

    /// RFC 7748's points of order 1, 2, 4 and 8, canonically encoded (little-endian u-coordinates).
    static let smallOrder = [
        "0000000000000000000000000000000000000000000000000000000000000000",  // 0, order 4
        "0100000000000000000000000000000000000000000000000000000000000000",  // 1, order 1
        "e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800",  // order 8
        "5f9c95bca3508c24b1d0b1559c83ef5b04445cc4581c8e86d8224eddd09f1157",  // order 8
        "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",  // p - 1, order 2
    ]

    /// Encodings of integers at or above p = 2^255 - 19, including small-order points in disguise.
    static let nonCanonical = [
        "edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",  // p (= 0)
        "eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",  // p + 1 (= 1)
        "ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",  // 2^255 - 1
        "0000000000000000000000000000000000000000000000000000000000000080",  // 2^255 (top bit)
        "5f092056ac5a548a2efee370b691cbb97c7e3e5df4052e4d27b17211a3dbabe2",  // a real key with the top bit set
    ]

    @Test(arguments: smallOrder + nonCanonical)
    func refusedWhenParsed(hex: String) throws {
        let error = try #require(throws: TiplineCoreError.self) { try JournalistKey(hex: hex) }
        #expect(error.code == .invalidKey)
        let json = SignedPublicKeyJSON(
            key: hex, certificate: String(repeating: "00", count: 64), notValidAfter: "2030-01-01T00:00:00Z")
        #expect(throws: TiplineCoreError.self) { try SignedPublicKey<JournalistKey>(json: json) }
    }

    @Test func everyCoverDropKeyIsStillAccepted() throws {
        let files = [
            "anonymous_box/01_recipient_pk", "multi_anonymous_box/01_recipient_1_pk",
            "multi_anonymous_box/03_recipient_2_pk", "two_party_box/01_sender_pk", "two_party_box/03_recipient_pk",
            "journalist_dead_drop/01_journalist_pk", "journalist_dead_drop/03_user_pk",
            "journalist_dead_drop/04_covernode_pk",
        ]
        for file in files { _ = try EncryptionPublicKey<Role.Ephemeral>(bytes: Fixtures.bytes(file)) }
        _ = try Fixtures.signed("covernode_msg-651c62fe", as: EncryptionPublicKey<Role.CoverNodeMessaging>.self)
        _ = try Fixtures.signed("journalist_msg-5f092056", as: JournalistKey.self)
        _ = try Fixtures.signed("backup_msg-9bcc1fb6", as: EncryptionPublicKey<Role.BackupMessaging>.self)
        _ = try Fixtures.keyPair("user-4511b55a").encryptionKeyPair(as: Role.User.self)
    }

    @Test func generatedKeysAlwaysParse() throws {
        for _ in 0..<200 {
            let pair = try EncryptionKeyPair<Role.User>.generate()
            #expect(try EncryptionPublicKey<Role.User>(bytes: pair.publicKey.bytes) == pair.publicKey)
        }
    }

    @Test func aReplyKeyOfSmallOrderMakesTheMessageInvalid() throws {
        let serialized = try Hex.decode(Self.smallOrder[0]) + [0] + PaddedCompressedString(text: "hi").bytes
        #expect(throws: TiplineCoreError.self) { try UserToJournalistMessage(serialized: serialized) }
    }

    /// A journalist who certified a small-order messaging key loses only that key: readers and the CoverNode keep
    /// encrypting to the journalist's last good key.
    @Test(arguments: smallOrder + nonCanonical)
    func hierarchyVerificationDropsTheKey(hex: String) throws {
        var world = try TestHierarchy.fresh()
        let alice = try world.addJournalist("alice")
        var response = world.response()
        let notValidAfter = world.now.adding(KeyLifetimes.messaging + .seconds(60))
        let certificate = try alice.identity.sign(
            SignedPublicKey<JournalistKey>.certificateData(key: Hex.decode(hex), notValidAfter: notValidAfter))
        let bad = SignedPublicKeyJSON(key: hex, certificate: certificate.hex, notValidAfter: notValidAfter.rfc3339)
        response.keys[0].journalists[0].journalists["alice"]?[0].msgPks.append(bad)
        let verified = VerifiedKeys(response, trustAnchors: [world.anchor], now: world.now)
        #expect(verified.messagingKeys(forJournalist: "alice").map(\.key) == [alice.latestMessagingKey.key])
        #expect(verified.latestMessagingKey(forJournalist: "alice") == alice.latestMessagingKey.key)
    }
}
