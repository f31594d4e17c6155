import Foundation
import Logging
import Testing
import TiplineCore
import TiplineStorage
import TiplineTestSupport

@testable import TiplineAPI

@Suite struct RetentionTests {
    @Test func oldDeadDropsExpiredKeysAndFormSignaturesArePruned() async throws {
        let harness = try APIHarness()
        let keys = harness.keys
        let store = harness.store
        let now = keys.now
        let day: Int64 = 86_400_000_000
        let old = try await store.append(
            .user, data: Data(repeating: 1, count: 553), createdAtMicros: now.microseconds - 15 * day,
            signature: Data(repeating: 2, count: 64), epoch: nil)
        let recent = try await store.append(
            .user, data: Data(repeating: 3, count: 553), createdAtMicros: now.microseconds - 13 * day,
            signature: Data(repeating: 4, count: 64), epoch: nil)
        let expiredForm = Data(repeating: 5, count: 64)
        #expect(try await store.recordFirstUse(signature: expiredForm, expiresAtMicros: now.microseconds - 1))
        let liveForm = Data(repeating: 6, count: 64)
        #expect(try await store.recordFirstUse(signature: liveForm, expiresAtMicros: now.microseconds + day))
        // Keys are kept for the retention period after they expire (dead drops they signed must still verify).
        let expiredKey = try SigningKeyPair<Role.Organization>.generate().selfSigned(
            notValidAfter: now.adding(.seconds(-15 * 86_400)))
        _ = try await store.insert(expiredKey.publishedKey(role: .organization, parent: nil, owner: nil, now: now))
        let recentlyExpiredKey = try SigningKeyPair<Role.Organization>.generate().selfSigned(
            notValidAfter: now.adding(.seconds(-1)))
        _ = try await store.insert(
            recentlyExpiredKey.publishedKey(role: .organization, parent: nil, owner: nil, now: now))
        _ = try await store.insert(keys.anchor.publishedKey(role: .organization, parent: nil, owner: nil, now: now))

        let service = RetentionService(
            store: store, clock: harness.clock, retention: .seconds(14 * 86_400), interval: .seconds(1800),
            sleeper: ContinuousClock(), logger: .init(label: "test"))
        await service.pruneOnce()

        #expect(try await store.list(.user, idsGreaterThan: 0, limit: 10).map(\.id) == [recent.id])
        #expect(old.id != recent.id)
        // The expired signature was forgotten; the live one is still remembered.
        #expect(try await store.recordFirstUse(signature: expiredForm, expiresAtMicros: now.microseconds + day))
        #expect(try await !store.recordFirstUse(signature: liveForm, expiresAtMicros: now.microseconds + day))
        #expect(
            try await store.allKeys().map(\.keyHex).sorted()
                == [keys.anchor.key.hex, recentlyExpiredKey.key.hex].sorted())
    }
}
