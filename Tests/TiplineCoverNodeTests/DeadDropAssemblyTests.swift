import Testing
import TiplineCore
import TiplineTestSupport

@testable import TiplineCoverNode

/// Fillers are the same size as real messages, and a release keeps its (shuffled) slot order when sealed.
@Suite struct DeadDropAssemblyTests {
    let now = SystemWallClock().now()

    @Test func fillersAndRealMessagesHaveIdenticalSizes() throws {
        let coverNode = try EncryptionKeyPair<Role.CoverNodeMessaging>.generate()
        let journalist = try EncryptionKeyPair<Role.JournalistMessaging>.generate()
        let sealed = try UserToJournalistMessage(
            replyKey: EncryptionKeyPair<Role.User>.generate().publicKey, text: PaddedCompressedString(text: "a tip")
        ).seal(to: journalist.publicKey)
        let real = try CoverNodeToJournalistMessage.seal(sealed, from: coverNode, to: journalist.publicKey)
        let filler = try CoverNodeToJournalistMessage.filler(from: coverNode)
        #expect(real.count == MessageSizes.coverNodeToJournalistEncrypted && filler.count == real.count)
        let reply = try JournalistToUserMessage.message(PaddedCompressedString(text: "thanks")).seal(
            from: .generate(), to: EncryptionKeyPair<Role.User>.generate().publicKey)
        #expect(reply.count == MessageSizes.journalistToUserEncrypted)
        #expect(try JournalistToUserMessage.filler().count == reply.count)
    }

    @Test func aJournalistDeadDropHoldsTheRealsWhereTheReleasePutThem() async throws {
        let deployment = try TestDeployment(journalistIds: ["alice"], now: now)
        let alice = try deployment.journalist("alice")
        let keys = try CoverNodeKeys.generated(
            trustAnchor: deployment.anchor, now: now, identityEpoch: 3, messagingEpoch: 11)
        let messaging = try #require(keys.messaging.first).keyPair
        let directory = JournalistDirectory()
        let direction = UserToJournalistDirection(directory: directory)
        let tag = try RecipientTag(journalistId: "alice")
        let payload = try UserToJournalistDirection.Payload(
            tag: tag,
            sealedMessage: UserToJournalistMessage(
                replyKey: EncryptionKeyPair<Role.User>.generate().publicKey,
                text: PaddedCompressedString(text: "slot 4")
            ).seal(to: alice.latestMessaging.publicKey))
        var slots = [MixingSlot<UserToJournalistDirection.Payload>](repeating: .filler, count: 7)
        slots[4] = .real(payload)

        // Unknown recipient (the directory is still empty): the real message becomes a filler.
        let unknown = try await direction.deadDrop(for: slots, keys: keys, now: now, width: 2).deadDrop
        #expect(unknown.messages.allSatisfy { TwoPartyBox.SharedKey.opens($0, alice, messaging) == false })

        let response = PublicKeysResponse(
            journalistProfiles: [], defaultJournalistId: nil,
            keys: [
                .init(
                    orgPk: deployment.anchor.json, covernodes: [],
                    journalists: [
                        .init(
                            provisioningPk: deployment.journalistProvisioningKey.json,
                            journalists: [
                                "alice": [.init(idPk: alice.identityKey.json, msgPks: [alice.latestMessagingKey.json])]
                            ])
                    ])
            ], maxEpoch: 11)
        directory.update(from: VerifiedKeys(response, trustAnchors: [deployment.anchor], now: now))
        let deadDrop = try await direction.deadDrop(for: slots, keys: keys, now: now, width: 2).deadDrop
        #expect(deadDrop.epoch == 11)
        #expect(deadDrop.isSigned(byAnyOf: [try #require(keys.identities.first).certificate], at: now))
        #expect(deadDrop.messages.count == 7 && deadDrop.messages.allSatisfy { $0.count == 633 })
        #expect(
            deadDrop.messages.indices.filter { TwoPartyBox.SharedKey.opens(deadDrop.messages[$0], alice, messaging) }
                == [4])
    }
}

extension TwoPartyBox.SharedKey {
    /// Whether `box` is a C2J from `coverNode` to `journalist`.
    static func opens(
        _ box: ArraySlice<UInt8>, _ journalist: TestKeyHierarchy.Journalist,
        _ coverNode: EncryptionKeyPair<Role.CoverNodeMessaging>
    ) -> Bool {
        (try? TwoPartyBox.SharedKey(mine: journalist.latestMessaging, theirs: coverNode.publicKey))?.open(box) != nil
    }
}
