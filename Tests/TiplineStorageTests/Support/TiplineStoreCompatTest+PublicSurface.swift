import Foundation
import Testing
import TiplineCore
import TiplineStorage

extension TiplineStoreCompatTest {
    // MARK: The API's cheap lookups (issue 13, items 5, 6 and 8)

    func keysVersionChangesWithEveryInsertAndDeletion() async throws {
        let empty = try await store.keysVersion()
        #expect(empty == PublishedKeysVersion(maxEpoch: 0, keyCount: 0))
        _ = try await store.insert(Fixtures.key(.organization))
        let afterOrganization = try await store.keysVersion()
        #expect(afterOrganization == PublishedKeysVersion(maxEpoch: 1, keyCount: 1))
        // An admin key takes no epoch: the count still moves.
        _ = try await store.insert(Fixtures.key(.admin, notValidAfterMicros: 10))
        #expect(try await store.keysVersion() == PublishedKeysVersion(maxEpoch: 1, keyCount: 2))
        try await store.deleteExpired(nowMicros: 11)
        #expect(try await store.keysVersion() == PublishedKeysVersion(maxEpoch: 2, keyCount: 1))
        let snapshot = try await store.keysSnapshot()
        #expect(try await store.keysVersion().maxEpoch == snapshot.maxEpoch)
    }

    func usedFormSignaturesCanBeLookedUp() async throws {
        let signature = Fixtures.signature()
        #expect(try await !store.isUsed(signature: signature))
        #expect(try await store.recordFirstUse(signature: signature, expiresAtMicros: 1_000))
        #expect(try await store.isUsed(signature: signature))
        #expect(try await !store.isUsed(signature: Fixtures.signature()))
        try await expectInvalidInput("signature") { _ = try await store.isUsed(signature: Fixtures.bytes(63)) }
    }

    func storedDeadDropsAreFoundByTheirData() async throws {
        let data = Fixtures.bytes(DeadDropKind.user.messageLength * 2)
        let signature = Fixtures.signature()
        #expect(try await store.find(.user, data: data) == nil)
        let stored = try await store.append(.user, data: data, createdAtMicros: 7, signature: signature, epoch: nil)
        #expect(
            try await store.find(.user, data: data)
                == StoredDeadDrop(id: stored.id, data: data, createdAtMicros: 7, signature: signature, epoch: nil))
        #expect(try await store.find(.journalist, data: data) == nil)
        #expect(try await store.find(.user, data: Fixtures.bytes(DeadDropKind.user.messageLength)) == nil)
    }
}
