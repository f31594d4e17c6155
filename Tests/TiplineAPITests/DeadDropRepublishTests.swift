import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing
import TiplineAPI
import TiplineCore
import TiplineStorage
import TiplineTestSupport

/// Issue 13, item 6: a CoverNode that re-publishes a dead drop the API already stored (its first answer was lost)
/// must get 200 whatever else changed since, or it forgets the release and delivers its messages twice.
@Suite struct DeadDropRepublishTests {
    @Test(arguments: DeadDropKind.allCases)
    func anIdenticalStoredDeadDropIs200AfterItsSigningKeyExpiredAndWasPruned(kind: DeadDropKind) async throws {
        try await APIHarness.withSeededRouter { harness, keys, client in
            let path = "/v1/\(kind.rawValue)/dead-drops"
            let body = try keys.json(keys.deadDrop(kind, count: 2).json())
            #expect(try await client.send(.post, path, body).status == .ok)

            let expired = keys.coverNodeIdentityKey.notValidAfter.adding(.seconds(60))
            harness.clock.set(expired)
            try await harness.store.deleteExpired(nowMicros: expired.microseconds)
            let republished = try await client.send(.post, path, body)
            #expect(republished.status == .ok, "\(republished.status) \(republished.text)")

            let listed = try await client.send(.get, "\(path)?ids_greater_than=0").json(DeadDropListJSON.self)
            #expect(listed.deadDrops.count == 1)
        }
    }

    @Test func theSameDataWithAnotherSignatureIsStillChecked() async throws {
        try await APIHarness.withSeededRouter { _, keys, client in
            let drop = try keys.deadDrop(.user, count: 1)
            #expect(try await client.send(.post, "/v1/user/dead-drops", keys.json(drop.json())).status == .ok)
            let impostor = try SigningKeyPair<Role.CoverNodeIdentity>.generate()
            let forged = try DeadDrop.sign(
                kind: .user, messages: drop.messages.map(Array.init), createdAt: drop.createdAt, epoch: nil,
                with: impostor)
            try await client.send(.post, "/v1/user/dead-drops", keys.json(forged.json()), expecting: .unauthorized)
        }
    }
}
