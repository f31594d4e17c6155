import Foundation
import Testing
import TiplineCore
import TiplineTestSupport

/// `tipline keys verify` as a user runs it.
@Suite struct KeysVerifyCommandTests {
    let now = Timestamp(seconds: 1_900_000_000)

    func hierarchy(journalistValidity: Duration) throws -> (PublicKeysResponse, [SignedPublicKeyJSON]) {
        let org = try SigningKeyPair<Role.Organization>.generate()
        let anchor = try org.selfSigned(notValidAfter: now.adding(KeyLifetimes.longTerm))
        let provisioning = try SigningKeyPair<Role.JournalistProvisioning>.generate()
        let provisioningKey = try org.certify(provisioning.publicKey, notValidAfter: now.adding(KeyLifetimes.longTerm))
        let identity = try SigningKeyPair<Role.JournalistIdentity>.generate()
        let identityKey = try provisioning.certify(identity.publicKey, notValidAfter: now.adding(journalistValidity))
        let messagingKey = try identity.certify(
            EncryptionKeyPair<Role.JournalistMessaging>.generate().publicKey,
            notValidAfter: now.adding(journalistValidity))
        let response = PublicKeysResponse(
            journalistProfiles: [], defaultJournalistId: nil,
            keys: [
                .init(
                    orgPk: anchor.json, covernodes: [],
                    journalists: [
                        .init(
                            provisioningPk: provisioningKey.json,
                            journalists: ["alice": [.init(idPk: identityKey.json, msgPks: [messagingKey.json])]])
                    ])
            ], maxEpoch: 3)
        return (response, [anchor.json])
    }

    func write(_ response: PublicKeysResponse, _ anchors: [SignedPublicKeyJSON], to directory: URL) throws {
        try JSONEncoder().encode(response).write(to: directory.appendingPathComponent("keys.json"))
        try JSONEncoder().encode(anchors).write(to: directory.appendingPathComponent("anchors.json"))
    }

    @Test func printsEveryVerifiedKey() throws {
        let folder = try TemporaryDirectory(), directory = folder.url
        let (response, anchors) = try hierarchy(journalistValidity: .seconds(3600))
        try write(response, anchors, to: directory)
        let result = try TiplineBinary.run(
            ["keys", "verify", "keys.json", "--trust-anchors", "anchors.json", "--now", now.rfc3339], in: directory)
        #expect(result.status == 0)
        let lines = result.output.split(separator: "\n")
        #expect(lines.count == 5)  // header, organization, provisioning, identity, messaging
        #expect(lines.contains { $0.hasPrefix("journalist_msg") && $0.contains("alice") })
        let orgHex = try #require(anchors.first?.key)
        #expect(lines.contains { $0.hasPrefix("organization") && $0.contains(orgHex) })
    }

    @Test func leavesOutExpiredKeysAndFailsWhenNothingVerifies() throws {
        let folder = try TemporaryDirectory(), directory = folder.url
        let (response, anchors) = try hierarchy(journalistValidity: .seconds(60))
        try write(response, anchors, to: directory)
        let later = now.adding(.seconds(120)).rfc3339
        let result = try TiplineBinary.run(
            ["keys", "verify", "keys.json", "--trust-anchors", "anchors.json", "--now", later], in: directory)
        #expect(result.status == 0)
        #expect(!result.output.contains("alice"))
        let otherAnchor = try SigningKeyPair<Role.Organization>.generate().selfSigned(
            notValidAfter: now.adding(.seconds(86_400)))
        try JSONEncoder().encode([otherAnchor.json]).write(to: directory.appendingPathComponent("anchors.json"))
        let untrusted = try TiplineBinary.run(
            ["keys", "verify", "keys.json", "--trust-anchors", "anchors.json", "--now", now.rfc3339], in: directory)
        #expect(untrusted.status != 0)
        #expect(untrusted.error.contains("No key verified"))
    }

    @Test func reportsUnreadableInputClearly() throws {
        let folder = try TemporaryDirectory(), directory = folder.url
        try Data("not json".utf8).write(to: directory.appendingPathComponent("keys.json"))
        let result = try TiplineBinary.run(
            ["keys", "verify", "keys.json", "--trust-anchors", "missing.json"], in: directory)
        #expect(result.status != 0)
        #expect(!result.error.isEmpty)
    }
}
