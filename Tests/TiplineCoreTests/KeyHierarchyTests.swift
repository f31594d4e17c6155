import Foundation
import Testing
import TiplineCore
import TiplineTestSupport

@Suite struct KeyHierarchyTests {
    typealias Org = SigningPublicKey<Role.Organization>

    @Test(arguments: ["development", "staging", "production"])
    func trustAnchorsAreSelfSigned(stage: String) throws {
        let anchors = try Fixtures.trustAnchors(stage)
        #expect(!anchors.isEmpty)
        for anchor in anchors {
            #expect(anchor.key.isValidSignature(anchor.certificate, for: anchor.certificateData))
        }
    }

    @Test func everyKeyFileChainsToTheOrganization() throws {
        let now = Fixtures.keyFilesNow
        let org = try Fixtures.signed("organization-865c61fb", as: Org.self)
        let orgFile = try Fixtures.decode(SignedPublicKeyJSON.self, "keys/organization-865c61fb.pub.json")
        #expect(try SignedPublicKey<Org>(json: orgFile) == org)
        #expect(org.isCertified(by: org.key, at: now, signerNotValidAfter: org.notValidAfter))

        func expectChain<K: PublicKeyProtocol, P: PublicKeyProtocol>(
            _ child: SignedPublicKey<K>, _ parent: SignedPublicKey<P>, sourceLocation: SourceLocation = #_sourceLocation
        ) throws {
            let signer = try SigningPublicKey<Role.Ephemeral>(bytes: parent.key.bytes)
            #expect(
                child.isCertified(by: signer, at: now, signerNotValidAfter: parent.notValidAfter),
                sourceLocation: sourceLocation)
        }
        let cnProv = try Fixtures.signed(
            "covernode_provisioning-382c1d30", as: SigningPublicKey<Role.CoverNodeProvisioning>.self)
        let cnId = try Fixtures.signed("covernode_id-b58cb550", as: SigningPublicKey<Role.CoverNodeIdentity>.self)
        let cnMsg = try Fixtures.signed("covernode_msg-651c62fe", as: EncryptionPublicKey<Role.CoverNodeMessaging>.self)
        let jProv = try Fixtures.signed(
            "journalist_provisioning-82e41c91", as: SigningPublicKey<Role.JournalistProvisioning>.self)
        let jId = try Fixtures.signed("journalist_id-5cbdb77b", as: SigningPublicKey<Role.JournalistIdentity>.self)
        let jMsg = try Fixtures.signed(
            "journalist_msg-5f092056", as: EncryptionPublicKey<Role.JournalistMessaging>.self)
        let admin = try Fixtures.signed("admin-9f6d7764", as: SigningPublicKey<Role.Admin>.self)
        let backupId = try Fixtures.signed("backup_id-b2957752", as: SigningPublicKey<Role.BackupIdentity>.self)
        let backupMsg = try Fixtures.signed("backup_msg-9bcc1fb6", as: EncryptionPublicKey<Role.BackupMessaging>.self)
        try expectChain(cnProv, org)
        try expectChain(cnId, cnProv)
        try expectChain(cnMsg, cnId)
        try expectChain(jProv, org)
        try expectChain(jId, jProv)
        try expectChain(jMsg, jId)
        try expectChain(admin, org)
        try expectChain(backupId, org)
        try expectChain(backupMsg, backupId)
        // A certificate checked against the wrong parent fails.
        let wrong = try SigningPublicKey<Role.Ephemeral>(bytes: jProv.key.bytes)
        #expect(!cnId.isCertified(by: wrong, at: now, signerNotValidAfter: jProv.notValidAfter))
    }

    @Test func keyFileSecretsMatchTheirPublicKeys() throws {
        _ = try Fixtures.keyPair("journalist_msg-5f092056").encryptionKeyPair(as: Role.JournalistMessaging.self)
        _ = try Fixtures.keyPair("covernode_id-b58cb550").signingKeyPair(as: Role.CoverNodeIdentity.self)
        let (user, certificate) = try Fixtures.keyPair("user-4511b55a").encryptionKeyPair(as: Role.User.self)
        #expect(certificate == nil)
        #expect(user.publicKey.hex.hasPrefix("4511b55a"))
        var mismatched = try Fixtures.keyPair("journalist_msg-5f092056")
        mismatched.secretKey = try Fixtures.keyPair("covernode_msg-651c62fe").secretKey
        #expect(throws: TiplineCoreError.self) { try mismatched.encryptionKeyPair(as: Role.JournalistMessaging.self) }
    }

    @Test func verifiesAHierarchyBuiltFromTheKeyFiles() throws {
        let response = try TestHierarchy.fromKeyFiles()
        let anchor = try Fixtures.signed("organization-865c61fb", as: Org.self)
        let verified = VerifiedKeys(response, trustAnchors: [anchor], now: Fixtures.keyFilesNow)
        #expect(verified.organizationKeys.count == 1)
        #expect(verified.coverNodes["covernode_001"]?.first?.messagingKeys.count == 1)
        #expect(verified.latestCoverNodeMessagingKeys.map { String($0.hex.prefix(8)) } == ["651c62fe"])
        #expect(verified.latestMessagingKey(forJournalist: "journalist_0")?.hex.hasPrefix("5f092056") == true)
        #expect(verified.backups.count == 1)
    }

    @Test func unknownAnchorDropsTheWholeFamily() throws {
        let response = try TestHierarchy.fromKeyFiles()
        let other = try SigningKeyPair<Role.Organization>.generate()
        let anchor = try other.selfSigned(notValidAfter: Fixtures.keyFilesNow.adding(.seconds(86_400)))
        let verified = VerifiedKeys(response, trustAnchors: [anchor], now: Fixtures.keyFilesNow)
        #expect(verified.isEmpty)
        #expect(verified.journalists.isEmpty)
    }

    @Test func anExpiredKeyDropsOnlyItsSubtree() throws {
        var world = try TestHierarchy.fresh()
        let now = world.now
        let expiredJournalist = try world.addJournalist("expired_journalist", identityValidity: .seconds(60))
        _ = expiredJournalist
        let live = try world.addJournalist("live_journalist", identityValidity: .seconds(86_400))
        _ = live
        let later = now.adding(.seconds(120))
        let verified = VerifiedKeys(world.response(maxEpoch: 7), trustAnchors: [world.anchor], now: later)
        #expect(verified.journalists["expired_journalist"] == nil)
        #expect(verified.journalists["live_journalist"]?.count == 1)
        #expect(verified.latestCoverNodeMessagingKeys.count == 1)
    }

    @Test func aForgedCertificateIsDropped() throws {
        var world = try TestHierarchy.fresh()
        _ = try world.addJournalist("alice", identityValidity: .seconds(86_400))
        var response = world.response(maxEpoch: 7)
        var family = response.keys[0].journalists[0]
        var identity = try #require(family.journalists["alice"]?.first)
        var certificate = try Hex.decode(identity.msgPks[0].certificate)
        certificate[5] ^= 0x40
        identity.msgPks[0].certificate = Hex.encode(certificate)
        family.journalists["alice"] = [identity]
        response.keys[0].journalists[0] = family
        let verified = VerifiedKeys(response, trustAnchors: [world.anchor], now: world.now)
        #expect(verified.journalists["alice"]?.first?.messagingKeys.isEmpty == true)
        #expect(verified.latestMessagingKey(forJournalist: "alice") == nil)
    }

    @Test func childExpiryIsCappedByItsParent() {
        let now = Timestamp(seconds: 1_000)
        #expect(
            KeyLifetimes.childExpiry(now: now, validity: .seconds(500), parentNotValidAfter: Timestamp(seconds: 1_200))
                == Timestamp(seconds: 1_200))
        #expect(
            KeyLifetimes.childExpiry(now: now, validity: .seconds(100), parentNotValidAfter: Timestamp(seconds: 1_200))
                == Timestamp(seconds: 1_100))
    }

    @Test func responseJSONRoundTrips() throws {
        var world = try TestHierarchy.fresh()
        _ = try world.addJournalist("alice", identityValidity: .seconds(86_400))
        let response = world.response(maxEpoch: 7)
        let data = try JSONEncoder().encode(response)
        #expect(String(decoding: data, as: UTF8.self).contains("\"default_journalist_id\":null"))
        #expect(try JSONDecoder().decode(PublicKeysResponse.self, from: data) == response)
    }
}
