import Testing
import TiplineCore
import TiplineTestSupport

/// Dead drops and keys are checked at the time a dead drop was made, not only now (issue 13, item 4).
@Suite struct KeyValidityTests {
    /// A hierarchy whose CoverNode identity key (and so its messaging key) expires an hour after it was made.
    func hierarchy() throws -> TestKeyHierarchy {
        try TestKeyHierarchy(
            now: Timestamp(seconds: 1_900_000_000), journalistIds: ["alice"], coverNodeIdentityValidity: .seconds(3600))
    }

    @Test func aDeadDropVerifiesAgainstTheSignerValidWhenItWasMade() throws {
        let world = try hierarchy()
        let made = world.now.adding(.seconds(1800))
        let drop = try DeadDrop.sign(
            kind: .user, messages: [], createdAt: made, epoch: nil, with: world.coverNodeIdentity)
        let later = world.now.adding(.seconds(86_400))
        let retained = VerifiedKeys(
            world.response(), trustAnchors: [world.anchor], now: later, expiredKeyRetention: .seconds(14 * 86_400))
        #expect(retained.coverNodes.isEmpty, "nothing of the CoverNode is valid now")
        #expect(drop.isSigned(by: retained))
        // The same drop checked as CoverDrop does (signer valid now), or without retention, fails.
        #expect(!drop.isSigned(byAnyOf: retained.allCoverNodeIdentityKeys, at: later))
        #expect(!drop.isSigned(by: VerifiedKeys(world.response(), trustAnchors: [world.anchor], now: later)))
        // Retention is bounded: a key that expired longer ago than that is gone.
        let tooLate = VerifiedKeys(
            world.response(), trustAnchors: [world.anchor], now: world.now.adding(.seconds(3 * 86_400)),
            expiredKeyRetention: .seconds(86_400))
        #expect(!drop.isSigned(by: tooLate))
    }

    @Test func aSignerThatHadExpiredWhenTheDeadDropWasMadeDoesNotCount() throws {
        let world = try hierarchy()
        let drop = try DeadDrop.sign(
            kind: .user, messages: [], createdAt: world.now.adding(.seconds(7200)), epoch: nil,
            with: world.coverNodeIdentity)
        let keys = VerifiedKeys(
            world.response(), trustAnchors: [world.anchor], now: world.now.adding(.seconds(7300)),
            expiredKeyRetention: .seconds(14 * 86_400))
        #expect(!drop.isSigned(by: keys))
    }

    @Test func aDeadDropDatedTooFarAheadDoesNotVerify() throws {
        let world = try hierarchy()
        let drop = try DeadDrop.sign(
            kind: .user, messages: [], createdAt: world.now.adding(.seconds(600)), epoch: nil,
            with: world.coverNodeIdentity)
        let keys = world.verifiedKeys()
        #expect(drop.isSigned(by: keys))
        #expect(!drop.isSigned(by: keys, maxClockSkew: .seconds(300)))
    }

    @Test func keysValidAtAnInstantFollowTheWholeChain() throws {
        let world = try hierarchy()
        let keys = VerifiedKeys(
            world.response(), trustAnchors: [world.anchor], now: world.now.adding(.seconds(7200)),
            expiredKeyRetention: .seconds(86_400))
        let before = world.now.adding(.seconds(60))
        #expect(keys.coverNodeIdentityKeys(validAt: before) == [world.coverNodeIdentityKey])
        #expect(keys.coverNodeMessagingKeys(validAt: before) == [world.coverNodeMessagingKey])
        #expect(keys.coverNodeIdentityKeys(validAt: keys.verifiedAt).isEmpty)
        #expect(keys.coverNodeMessagingKeys(validAt: keys.verifiedAt).isEmpty)
        let alice = try #require(world.journalist("alice"))
        #expect(keys.messagingKeys(forJournalist: "alice", validAt: before) == alice.messagingKeys)
        #expect(keys.messagingKeys(forJournalist: "alice") == alice.messagingKeys)
        #expect(keys.messagingKeys(forJournalist: "bob", validAt: before).isEmpty)
        // Without retention, nothing expired is kept: the views at `now` are what CoverDrop's verification gives.
        let plain = VerifiedKeys(world.response(), trustAnchors: [world.anchor], now: keys.verifiedAt)
        #expect(plain.coverNodeIdentityKeys(validAt: before).isEmpty)
        #expect(plain.journalists.keys.sorted() == keys.journalists.keys.sorted())
        #expect(plain.coverNodes.isEmpty && keys.coverNodes.isEmpty)
    }
}
