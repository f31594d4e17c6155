import Foundation
import Testing
import TiplineStorage

extension TiplineStoreCompatTest {
    // MARK: Identity rotation queue

    func identityRotationQueueKeepsOneEntryPerJournalist() async throws {
        #expect(try await store.queuedIdentityRotations(nowMicros: 0).isEmpty)
        let first = Self.rotation("alice", expiresAtMicros: 5_000)
        let bob = Self.rotation("bob", expiresAtMicros: 9_000)
        try await store.enqueueIdentityRotation(bob)
        try await store.enqueueIdentityRotation(first)
        #expect(try await store.queuedIdentityRotations(nowMicros: 1_000) == [first, bob])

        // A new request replaces the journalist's earlier one, form bytes and all.
        let replacement = Self.rotation("alice", expiresAtMicros: 7_000)
        try await store.enqueueIdentityRotation(replacement)
        let listed = try await store.queuedIdentityRotations(nowMicros: 1_000)
        #expect(listed == [replacement, bob])
        #expect(listed.first?.form == replacement.form)

        // Listed while now <= expiry.
        #expect(try await store.queuedIdentityRotations(nowMicros: 7_000).map(\.journalistId) == ["alice", "bob"])
        #expect(try await store.queuedIdentityRotations(nowMicros: 7_001).map(\.journalistId) == ["bob"])
    }

    func identityRotationDequeueNeedsTheQueuedKey() async throws {
        let entry = Self.rotation("alice", expiresAtMicros: 5_000)
        try await store.enqueueIdentityRotation(entry)
        #expect(try await !store.dequeueIdentityRotation(journalistId: "alice", newKeyHex: Fixtures.hex(32)))
        #expect(try await !store.dequeueIdentityRotation(journalistId: "bob", newKeyHex: entry.newKeyHex))
        #expect(try await store.queuedIdentityRotations(nowMicros: 0) == [entry])
        #expect(try await store.dequeueIdentityRotation(journalistId: "alice", newKeyHex: entry.newKeyHex))
        #expect(try await store.queuedIdentityRotations(nowMicros: 0).isEmpty)
        #expect(try await !store.dequeueIdentityRotation(journalistId: "alice", newKeyHex: entry.newKeyHex))
    }

    func expiredIdentityRotationsArePruned() async throws {
        try await store.enqueueIdentityRotation(Self.rotation("alice", expiresAtMicros: 1_000))
        try await store.enqueueIdentityRotation(Self.rotation("bob", expiresAtMicros: 2_000))
        try await store.enqueueIdentityRotation(Self.rotation("carol", expiresAtMicros: 3_000))
        #expect(try await store.pruneExpiredIdentityRotations(nowMicros: 2_000) == 1)
        #expect(try await store.queuedIdentityRotations(nowMicros: 0).map(\.journalistId) == ["bob", "carol"])
        #expect(try await store.pruneExpiredIdentityRotations(nowMicros: 2_000) == 0)
    }

    func malformedIdentityRotationsAreRejected() async throws {
        var upper = Self.rotation("alice", expiresAtMicros: 1)
        upper.newKeyHex = String(repeating: "A", count: 64)
        try await expectInvalidInput("newKeyHex must be lowercase hex") {
            try await store.enqueueIdentityRotation(upper)
        }
        var empty = Self.rotation("alice", expiresAtMicros: 1)
        empty.form = Data()
        try await expectInvalidInput("a queued form must be 1 to") { try await store.enqueueIdentityRotation(empty) }
        try await expectInvalidInput("journalist id must be 1 to") {
            try await store.enqueueIdentityRotation(Self.rotation("", expiresAtMicros: 1))
        }
        #expect(try await store.queuedIdentityRotations(nowMicros: 0).isEmpty)
    }

    private static func rotation(_ journalistId: String, expiresAtMicros: Int64) -> QueuedIdentityRotation {
        QueuedIdentityRotation(
            journalistId: journalistId, newKeyHex: Fixtures.hex(32),
            form: Data(#"{"body":"\#(Fixtures.hex(8))"}"#.utf8), expiresAtMicros: expiresAtMicros)
    }
}
