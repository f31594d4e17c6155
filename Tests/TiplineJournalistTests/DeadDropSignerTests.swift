import Foundation
import Testing
import TiplineAPIClient
import TiplineCore
import TiplineStorage
import TiplineTestSupport

@testable import TiplineJournalist

/// Dead drops are checked against the CoverNode keys valid when they were made, and the cursor never passes one
/// that was not processed (issue 13, item 4).
@Suite("Dead drops after their signer expired")
struct DeadDropSignerTests {
    /// A journalist offline while the CoverNode identity key that signed a dead drop expired still reads it.
    @Test func aDeadDropSignedByAnIdentityKeyThatExpiredSinceIsRead() async throws {
        try await LoopbackDeployment.run(coverNodeIdentityValidity: .seconds(3600)) { deployment in
            let client = try JournalistAPITests.journalist("alice", in: deployment)
            try await client.completeSetup()
            let reader = try EncryptionKeyPair<Role.User>.generate()
            try await deployment.publishDeadDrop([
                try await deployment.c2j("sent before the key expired", from: reader, to: "alice")
            ])
            let published = try await deployment.api.deadDrops(.journalist, idsGreaterThan: 0)
            deployment.clock.advance(by: .seconds(2 * 3600))

            let report = try await client.sync()
            #expect(report.rejectedDeadDrops == 0)
            #expect(report.newMessages == 1)
            #expect(report.cursor == published.last?.id)
            let texts = try await client.vault.read { $0.messages.compactMap(\.text) }
            #expect(texts == ["sent before the key expired"])
        }
    }

    /// A dead drop signed by a key the journalist cannot verify (yet) stops the sync before it: neither it nor the
    /// dead drops after it are lost, and once the key is published both are read.
    @Test func theCursorNeverPassesADeadDropThatDidNotVerify() async throws {
        try await LoopbackDeployment.run { deployment in
            let client = try JournalistAPITests.journalist("bob", in: deployment)
            try await client.completeSetup()
            let start = try await client.vault.read { $0.deadDropCursor ?? 0 }
            let organization = deployment.organization
            let newIdentity = try SigningKeyPair<Role.CoverNodeIdentity>.generate()
            let newIdentityKey = try organization.coverNodeProvisioning.certify(
                newIdentity.publicKey, notValidAfter: deployment.clock.now().adding(KeyLifetimes.coverNodeIdentity))
            let reader = try EncryptionKeyPair<Role.User>.generate()
            // The API's store holds a dead drop signed by a key it has not published yet (as after a restore).
            let early = try deployment.deadDrop(
                [try await deployment.c2j("first", from: reader, to: "bob")], signedBy: newIdentity)
            _ = try await deployment.store.append(
                .journalist, data: Data(early.data), createdAtMicros: early.createdAt.microseconds,
                signature: Data(early.signature.bytes), epoch: early.epoch)
            try await deployment.publishDeadDrop([try await deployment.c2j("second", from: reader, to: "bob")])

            let blocked = try await client.sync()
            #expect(blocked.newMessages == 0)
            #expect(blocked.rejectedDeadDrops == 1)
            #expect(try await client.vault.read { $0.deadDropCursor ?? 0 } == start)

            _ = try await deployment.api.submitKeyUpload(
                SignedForm.sign(
                    PostCoverNodeIdentityKeyBody(covernodeId: "covernode_001", covernodeIdPk: newIdentityKey.json),
                    with: organization.coverNodeProvisioning, now: deployment.clock.now()),
                to: "/v1/public-keys/covernode/identity-public-key")
            deployment.clock.advance(by: .seconds(120))
            let report = try await client.sync()
            #expect(report.rejectedDeadDrops == 0)
            #expect(report.newMessages == 2)
            let texts = try await client.vault.read { $0.messages.compactMap(\.text) }
            #expect(texts == ["first", "second"])
        }
    }
}
