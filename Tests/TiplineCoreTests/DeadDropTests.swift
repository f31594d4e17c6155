import Foundation
import Testing
import TiplineCore

@Suite struct DeadDropTests {
    let identity = try! SigningKeyPair<Role.CoverNodeIdentity>.generate()
    let now = Timestamp(seconds: 1_800_000_000, nanoseconds: 123_456_000)

    func identityKey(validFor seconds: Int64 = 3600) throws -> SignedPublicKey<SigningPublicKey<Role.CoverNodeIdentity>>
    {
        try SigningKeyPair<Role.CoverNodeProvisioning>.generate().certify(
            identity.publicKey, notValidAfter: Timestamp(seconds: now.seconds + seconds))
    }

    @Test(arguments: DeadDropKind.allCases)
    func signsVerifiesAndRoundTripsJSON(kind: DeadDropKind) throws {
        let messages = (0..<3).map { _ in SecureRandom.bytes(kind.messageLength) }
        let drop = try DeadDrop.sign(
            kind: kind, messages: messages, createdAt: now, epoch: kind == .journalist ? 42 : nil, with: identity)
        #expect(drop.messages.map(Array.init) == messages)
        #expect(drop.isSigned(byAnyOf: [try identityKey()], at: now))
        let json = drop.json(id: 9)
        let decoded = try JSONDecoder().decode(DeadDropJSON.self, from: JSONEncoder().encode(json))
        let back = try decoded.deadDrop(kind: kind)
        #expect(back == drop)
        #expect(back.isSigned(byAnyOf: [try identityKey()], at: now))
        #expect(!json.data.hasSuffix("="))
    }

    @Test func signatureCoversDataTimeAndEpoch() throws {
        let messages = [SecureRandom.bytes(633)]
        let drop = try DeadDrop.sign(kind: .journalist, messages: messages, createdAt: now, epoch: 5, with: identity)
        let key = try identityKey()
        let otherEpoch = try DeadDrop(
            kind: .journalist, data: drop.data, createdAt: now, signature: drop.signature, epoch: 6)
        #expect(!otherEpoch.isSigned(byAnyOf: [key], at: now))
        let otherTime = try DeadDrop(
            kind: .journalist, data: drop.data, createdAt: now.adding(.seconds(1)), signature: drop.signature, epoch: 5)
        #expect(!otherTime.isSigned(byAnyOf: [key], at: now))
        var data = drop.data
        data[3] ^= 1
        #expect(
            !(try DeadDrop(kind: .journalist, data: data, createdAt: now, signature: drop.signature, epoch: 5))
                .isSigned(byAnyOf: [key], at: now))
        // Only whole seconds are signed.
        let subSecond = try DeadDrop(
            kind: .journalist, data: drop.data, createdAt: Timestamp(seconds: now.seconds), signature: drop.signature,
            epoch: 5)
        #expect(subSecond.isSigned(byAnyOf: [key], at: now))
        // An expired signer no longer verifies.
        #expect(!drop.isSigned(byAnyOf: [try identityKey(validFor: -1)], at: now))
    }

    @Test func malformedDeadDropsAreErrors() throws {
        let signature = try Signature(bytes: [UInt8](repeating: 0, count: 64))
        #expect(throws: TiplineCoreError.self) {
            try DeadDrop(kind: .user, data: [1, 2, 3], createdAt: now, signature: signature, epoch: nil)
        }
        #expect(throws: TiplineCoreError.self) {
            try DeadDrop(kind: .user, data: [], createdAt: now, signature: signature, epoch: 1)
        }
        let bad = DeadDropJSON(id: 1, createdAt: "yesterday", data: "!!", signature: "00", epoch: nil)
        #expect(throws: TiplineCoreError.self) { try bad.deadDrop(kind: .user) }
        #expect(throws: TiplineCoreError.self) {
            try DeadDrop.sign(kind: .user, messages: [[1]], createdAt: now, epoch: nil, with: identity)
        }
    }
}
