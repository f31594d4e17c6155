import Foundation
import Testing
import TiplineAPIClient
import TiplineAdmin
import TiplineCore
import TiplineTestSupport

@testable import TiplineJournalist

/// The journalist identity-key rotation of `spec/PROTOCOL.md` §4.7 end to end: the real API on loopback, the
/// journalist client, and the certifier playing CoverDrop's identity API with the provisioning key in a key folder.
@Suite("Identity-key rotation end to end")
struct IdentityRotationEndToEndTests {
    /// A certifier holding the test organisation's journalist provisioning key in a key folder.
    static func certifier(in deployment: LoopbackDeployment) throws -> IdentityRotationCertifier {
        let keys = try KeyDirectory(path: deployment.directory.file("admin-keys"))
        let organization = deployment.organization
        try keys.store(
            KeyPairJSON(organization.journalistProvisioning, certificate: organization.journalistProvisioningKey),
            role: Role.JournalistProvisioning.self)
        return IdentityRotationCertifier(
            ceremony: KeyCeremony(keys: keys, clock: deployment.clock), api: deployment.api,
            trustAnchors: [organization.anchor])
    }

    @Test func aQueuedKeyIsCertifiedPromotedWithItsEpochAndSignsTheNextMessagingKey() async throws {
        try await LoopbackDeployment.run { deployment in
            let client = try JournalistAPITests.journalist("rosa", in: deployment)
            try await client.completeSetup()
            let certifier = try Self.certifier(in: deployment)
            let original = try #require(try await deployment.verifiedKeys().identityKeys(forJournalist: "rosa").first)
            #expect(try await client.rotateKeys().identityRotation == .notDue)

            // Half the identity key's life later the rotation is due: a candidate is saved and its request queued.
            deployment.clock.advance(by: KeyLifetimes.journalistIdentity / 2 + .seconds(60))
            #expect(try await client.rotateKeys().identityRotation == .requested)
            let candidate = try #require(try await client.vault.read { $0.candidateIdentityKey }).keyPair
            let queue = try await deployment.api.journalistIdentityKeyQueue()
            #expect(queue.map(\.journalistId) == ["rosa"])
            #expect(queue.first?.form.signingKey == original.key.bytes)
            #expect(try await client.rotateKeys().identityRotation == .requested)

            // One pass of the certifier publishes the key and empties the queue.
            let report = try await certifier.certifyQueue()
            #expect(report.refused.isEmpty)
            let certified = try #require(report.certified.first)
            #expect(report.certified.count == 1)
            #expect(certified.journalistId == "rosa")
            #expect(try await deployment.api.journalistIdentityKeyQueue().isEmpty)
            #expect(try await certifier.certifyQueue().isEmpty)

            // The client's next rotation promotes the certified key with its epoch; it now signs.
            #expect(try await client.rotateKeys().identityRotation == .completed)
            let (identities, leftover) = try await client.vault.read { ($0.identityKeys, $0.candidateIdentityKey) }
            #expect(leftover == nil)
            let promoted = try #require(identities.first { $0.keyPair.publicKey.keyHex == candidate.publicKey.keyHex })
            #expect(promoted.epoch == certified.epoch)
            #expect(
                try await client.vault.read { try $0.signingIdentity(at: deployment.clock.now()) }.pair.publicKey.hex
                    == candidate.publicKey.keyHex)

            // The next messaging key is certified by the new identity key (in a form it signed) and published.
            deployment.clock.advance(by: KeyLifetimes.journalistMessagingRotation + .seconds(60))
            let epoch = try #require(try await client.rotateKeys().newMessagingKeyEpoch)
            #expect(epoch > certified.epoch)
            let keys = try await deployment.verifiedKeys()
            #expect(keys.identityKeys(forJournalist: "rosa").count == 2)
            let newIdentity = try #require(
                keys.journalists["rosa"]?.first { $0.identityKey.key.hex == candidate.publicKey.keyHex })
            #expect(newIdentity.messagingKeys.count == 1)
            #expect(keys.latestMessagingKey(forJournalist: "rosa") == newIdentity.messagingKeys.first?.key)
            #expect(try await client.rotateKeys().identityRotation == .notDue)
        }
    }

    @Test func aRequestSignedByAnOlderIdentityKeyIsRefused() async throws {
        try await LoopbackDeployment.run { deployment in
            let client = try JournalistAPITests.journalist("sam", in: deployment)
            try await client.completeSetup()
            let certifier = try Self.certifier(in: deployment)
            let older = try #require(try await client.vault.read { $0.identityKeys.first }).keyPair
            let (olderPair, _) = try older.signingKeyPair(as: Role.JournalistIdentity.self)
            // The organisation gave the journalist a newer identity key directly (as a new setup bundle would).
            let newer = try SigningKeyPair<Role.JournalistIdentity>.generate()
            let newerKey = try deployment.organization.journalistProvisioning.certify(
                newer.publicKey, notValidAfter: deployment.clock.now().adding(KeyLifetimes.journalistIdentity * 2))
            _ = try await deployment.api.submitKeyUpload(
                SignedForm.sign(
                    PostJournalistIdentityKeyBody(journalistId: "sam", journalistIdPk: newerKey.json),
                    with: deployment.organization.journalistProvisioning, now: deployment.clock.now()),
                to: "/v1/public-keys/journalists/identity-public-key")

            // The API accepts a request signed by any current identity key; the certifier wants the latest.
            let requested = try SigningKeyPair<Role.JournalistIdentity>.generate().publicKey
            let inner = try SignedForm.sign(
                RotateJournalistIdentityKeyBody(newPk: UnsignedPublicKeyJSON(key: requested.hex)), with: olderPair,
                now: deployment.clock.now())
            try await deployment.api.submit(
                SignedForm.sign(
                    RotateJournalistIdentityKeyFormBody(form: inner), with: olderPair,
                    now: deployment.clock.now()),
                to: "/v1/public-keys/journalists/identity-public-key-form")
            let report = try await certifier.certifyQueue()
            #expect(report.certified.isEmpty)
            #expect(
                report.refused == [
                    .init(
                        journalistId: "sam", reason: "the request is not signed by the journalist's latest identity key"
                    )
                ])
            #expect(try await deployment.api.journalistIdentityKey(requested) == nil)
            #expect(try await deployment.api.journalistIdentityKeyQueue().count == 1)
        }
    }
}
