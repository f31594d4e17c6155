import Foundation
import Testing
import TiplineCore
import TiplineStorage

/// One behavioural contract for every ``TiplineStore`` backend (swift-configuration's
/// `ProviderCompatTest` pattern). Each method is one check; the backend suites call every one of
/// them on a fresh store, so SQLite and PostgreSQL are held to exactly the same expectations.
struct TiplineStoreCompatTest {
    let store: any TiplineStore

    // MARK: Keys and epochs

    func keysRoundTripWithSharedEpochCounter() async throws {
        #expect(try await store.maxEpoch() == 0)
        #expect(try await store.allKeys().isEmpty)
        let organization = Fixtures.key(.organization, notValidAfter: "2026-11-27T16:25:13.123456789Z")
        let provisioning = Fixtures.key(.journalistProvisioning, notValidAfter: "2026-11-27T16:25:13+00:00")
        let identity = Fixtures.key(.journalistIdentity, owner: "static_test_journalist")
        let admin = Fixtures.key(.admin, notValidAfter: "2026-11-27T16:25:13.1Z")
        let messaging = Fixtures.key(.coverNodeMessaging, owner: "covernode_001")

        #expect(try await store.insert(organization) == 1)
        #expect(try await store.insert(provisioning) == 2)
        #expect(try await store.insert(admin) == nil)
        #expect(try await store.insert(identity) == 3)
        #expect(try await store.insert(messaging) == 4)
        #expect(try await store.maxEpoch() == 4)

        var expected = [organization, provisioning, admin, identity, messaging]
        for (index, epoch) in [Int32(1), 2, nil, 3, 4].enumerated() { expected[index].epoch = epoch }
        let stored = try await store.allKeys()
        #expect(stored == expected)
        // The expiry string round-trips byte for byte (trust-anchor matching compares it exactly).
        #expect(stored.map { Array($0.notValidAfter.utf8) } == expected.map { Array($0.notValidAfter.utf8) })

        let snapshot = try await store.keysSnapshot()
        #expect(snapshot == PublishedKeysSnapshot(keys: expected, maxEpoch: 4))

        #expect(try await store.epoch(ofKeyHex: identity.keyHex, role: .journalistIdentity) == 3)
        #expect(try await store.epoch(ofKeyHex: identity.keyHex, role: .journalistMessaging) == nil)
        #expect(try await store.epoch(ofKeyHex: admin.keyHex, role: .admin) == nil)
        #expect(try await store.key(ofKeyHex: messaging.keyHex, role: .coverNodeMessaging) == expected[4])
        #expect(try await store.key(ofKeyHex: Fixtures.hex(32), role: .organization) == nil)
    }

    func reinsertingAKeyReturnsItsEpochAndChangesNothing() async throws {
        let identity = Fixtures.key(.coverNodeIdentity, owner: "covernode_001", addedAtMicros: 10)
        #expect(try await store.insert(identity) == 1)
        #expect(try await store.insert(Fixtures.key(.coverNodeMessaging, owner: "covernode_001")) == 2)

        var again = identity
        again.addedAtMicros = 99
        again.certificateHex = Fixtures.hex(64)
        #expect(try await store.insert(again) == 1)
        #expect(try await store.maxEpoch() == 2)
        let stored = try await store.key(ofKeyHex: identity.keyHex, role: .coverNodeIdentity)
        #expect(stored?.addedAtMicros == 10)
        #expect(stored?.certificateHex == identity.certificateHex)
        #expect(try await store.allKeys().count == 2)

        let admin = Fixtures.key(.admin)
        #expect(try await store.insert(admin) == nil)
        #expect(try await store.insert(admin) == nil)
        #expect(try await store.maxEpoch() == 2)

        // The same key hex under another role is a different key.
        var sameHexOtherRole = Fixtures.key(.coverNodeMessaging, owner: "covernode_001")
        sameHexOtherRole.keyHex = identity.keyHex
        #expect(try await store.insert(sameHexOtherRole) == 3)
    }

    func latestAddedAtIsPerRole() async throws {
        #expect(try await store.latestAddedAt(role: .coverNodeProvisioning) == nil)
        _ = try await store.insert(Fixtures.key(.coverNodeProvisioning, addedAtMicros: 500))
        _ = try await store.insert(Fixtures.key(.coverNodeProvisioning, addedAtMicros: 900))
        _ = try await store.insert(Fixtures.key(.coverNodeProvisioning, addedAtMicros: 700))
        _ = try await store.insert(Fixtures.key(.journalistProvisioning, addedAtMicros: 5000))
        #expect(try await store.latestAddedAt(role: .coverNodeProvisioning) == 900)
        #expect(try await store.latestAddedAt(role: .journalistProvisioning) == 5000)
        #expect(try await store.latestAddedAt(role: .organization) == nil)
    }

    func deletingExpiredKeysBumpsTheEpoch() async throws {
        let expired = Fixtures.key(.journalistMessaging, owner: "j1", notValidAfterMicros: 1_000)
        let expiresNow = Fixtures.key(.journalistMessaging, owner: "j1", notValidAfterMicros: 2_000)
        let valid = Fixtures.key(.journalistMessaging, owner: "j1", notValidAfterMicros: 3_000)
        let expiredBackup = Fixtures.key(.backupMessaging, notValidAfterMicros: 500)
        for key in [expired, expiresNow, valid, expiredBackup] { _ = try await store.insert(key) }
        #expect(try await store.maxEpoch() == 3)

        // Valid while now <= notValidAfter (PROTOCOL.md §4.5): only strictly older keys go.
        #expect(try await store.deleteExpired(nowMicros: 2_000) == 2)
        #expect(try await store.maxEpoch() == 4)
        #expect(Set(try await store.allKeys().map(\.keyHex)) == [expiresNow.keyHex, valid.keyHex])

        #expect(try await store.deleteExpired(nowMicros: 2_000) == 0)
        #expect(try await store.maxEpoch() == 4)

        // New keys continue after the bump: epochs never repeat.
        #expect(try await store.insert(Fixtures.key(.journalistMessaging, owner: "j1")) == 5)
    }

    func malformedKeysAreRejectedWithClearErrors() async throws {
        let good = Fixtures.key(.journalistIdentity, owner: "j1")

        var upper = good
        upper.keyHex = good.keyHex.uppercased() + ""
        if upper.keyHex != good.keyHex {
            try await expectInvalidInput("keyHex must be lowercase hex", secret: upper.keyHex) {
                _ = try await store.insert(upper)
            }
        }
        var short = good
        short.keyHex = String(good.keyHex.dropLast(2))
        try await expectInvalidInput("keyHex must be 64 lowercase hex characters", secret: short.keyHex) {
            _ = try await store.insert(short)
        }
        var badCertificate = good
        badCertificate.certificateHex = "zz" + String(good.certificateHex.dropFirst(2))
        try await expectInvalidInput("certificateHex must be lowercase hex", secret: badCertificate.certificateHex) {
            _ = try await store.insert(badCertificate)
        }
        var noOwner = good
        noOwner.ownerId = nil
        try await expectInvalidInput("needs an ownerId") { _ = try await store.insert(noOwner) }
        var adminWithOwner = Fixtures.key(.admin)
        adminWithOwner.ownerId = "j1"
        try await expectInvalidInput("has no ownerId") { _ = try await store.insert(adminWithOwner) }
        var organizationWithParent = Fixtures.key(.organization)
        organizationWithParent.parentKeyHex = Fixtures.hex(32)
        try await expectInvalidInput("self-signed") { _ = try await store.insert(organizationWithParent) }
        var emptyExpiry = good
        emptyExpiry.notValidAfter = ""
        try await expectInvalidInput("notValidAfter") { _ = try await store.insert(emptyExpiry) }

        #expect(try await store.allKeys().isEmpty)
        #expect(try await store.maxEpoch() == 0)
    }

    // MARK: Profiles and status

    func profilesUpsertUpdateAndDelete() async throws {
        #expect(try await store.profiles().isEmpty)
        let bob = StoredJournalistProfile(
            id: "bob", displayName: "Bob", sortName: "bob", description: "Reporter", isDesk: false,
            status: "VISIBLE", tagHex: "0a0b0c0d"
        )
        let alice = StoredJournalistProfile(
            id: "alice", displayName: "Alice", sortName: "alice", description: "Desk", isDesk: true,
            status: "HIDDEN_FROM_UI", tagHex: "01020304"
        )
        try await store.upsertProfile(bob)
        try await store.upsertProfile(alice)
        #expect(try await store.profiles() == [alice, bob])

        var bobRenamed = bob
        bobRenamed.displayName = "Robert"
        bobRenamed.tagHex = "ffffffff"
        try await store.upsertProfile(bobRenamed)
        #expect(try await store.profiles() == [alice, bobRenamed])

        #expect(
            try await store.updateProfile(
                id: "alice", displayName: nil, sortName: "zz", isDesk: false, description: nil)
        )
        var aliceUpdated = alice
        aliceUpdated.sortName = "zz"
        aliceUpdated.isDesk = false
        #expect(try await store.profiles() == [aliceUpdated, bobRenamed])
        #expect(
            try await !store.updateProfile(id: "nobody", displayName: "X", sortName: nil, isDesk: nil, description: nil)
        )

        #expect(try await store.updateProfileStatus(id: "bob", status: "HIDDEN_FROM_RESPONSE"))
        #expect(try await !store.updateProfileStatus(id: "nobody", status: "VISIBLE"))
        bobRenamed.status = "HIDDEN_FROM_RESPONSE"
        #expect(try await store.profiles() == [aliceUpdated, bobRenamed])

        #expect(try await store.deleteProfile(id: "alice"))
        #expect(try await !store.deleteProfile(id: "alice"))
        #expect(try await store.profiles() == [bobRenamed])

        var badTag = bob
        badTag.tagHex = "0a0b0c"
        try await expectInvalidInput("tagHex") { try await store.upsertProfile(badTag) }
    }

    func latestStatusIsTheNewestEvent() async throws {
        #expect(try await store.latestStatus() == nil)
        let available = StoredStatusEvent(status: "AVAILABLE", description: "All good", timestampMicros: 2_000)
        let older = StoredStatusEvent(status: "UNAVAILABLE", description: "Backfilled", timestampMicros: 1_000)
        try await store.recordStatus(available)
        try await store.recordStatus(older)
        #expect(try await store.latestStatus() == available)
        let sameInstant = StoredStatusEvent(status: "DEGRADED_PERFORMANCE", description: "Slow", timestampMicros: 2_000)
        try await store.recordStatus(sameInstant)
        #expect(try await store.latestStatus() == sameInstant)
    }

    // MARK: Dead drops

    func deadDropsAppendAndPageAscending() async throws {
        var appended: [StoredDeadDrop] = []
        for index in 0..<5 {
            let data = Fixtures.bytes(633 * 3)
            let signature = Fixtures.signature()
            let result = try await store.append(
                .journalist, data: data, createdAtMicros: Int64(index) * 1_000, signature: signature,
                epoch: 40 + Int32(index)
            )
            #expect(result.inserted)
            appended.append(
                StoredDeadDrop(
                    id: result.id, data: data, createdAtMicros: Int64(index) * 1_000, signature: signature,
                    epoch: 40 + Int32(index)
                )
            )
        }
        let ids = appended.map(\.id)
        #expect(ids == ids.sorted() && Set(ids).count == ids.count)
        #expect(try await store.list(.journalist, idsGreaterThan: 0, limit: 100) == appended)
        #expect(try await store.list(.journalist, idsGreaterThan: 0, limit: 2) == Array(appended.prefix(2)))
        #expect(try await store.list(.journalist, idsGreaterThan: ids[1], limit: 2) == Array(appended[2..<4]))
        #expect(try await store.list(.journalist, idsGreaterThan: ids[4], limit: 10).isEmpty)
        #expect(try await store.list(.journalist, idsGreaterThan: 0, limit: 0).isEmpty)
        #expect(try await store.list(.journalist, idsGreaterThan: 0, limit: -3).isEmpty)

        // The two lists are independent; user dead drops carry no epoch.
        #expect(try await store.list(.user, idsGreaterThan: 0, limit: 10).isEmpty)
        let userData = Fixtures.bytes(553 * 2)
        let user = try await store.append(
            .user, data: userData, createdAtMicros: 7, signature: Fixtures.signature(), epoch: nil
        )
        #expect(user.inserted)
        let users = try await store.list(.user, idsGreaterThan: 0, limit: 10)
        #expect(users.map(\.data) == [userData])
        #expect(users.first?.epoch == nil)
    }

    func reappendingIdenticalDeadDropDataIsIdempotent() async throws {
        let data = Fixtures.bytes(553 * 20)
        let first = try await store.append(
            .user, data: data, createdAtMicros: 100, signature: Fixtures.signature(), epoch: nil
        )
        #expect(first.inserted)
        let other = try await store.append(
            .user, data: Fixtures.bytes(553 * 20), createdAtMicros: 200, signature: Fixtures.signature(), epoch: nil
        )
        // A lost HTTP response makes the CoverNode POST the same bytes again: same id, no error.
        let again = try await store.append(
            .user, data: data, createdAtMicros: 300, signature: Fixtures.signature(), epoch: nil
        )
        #expect(again == DeadDropAppendResult(id: first.id, inserted: false))
        let stored = try await store.list(.user, idsGreaterThan: 0, limit: 10)
        #expect(stored.map(\.id) == [first.id, other.id])
        #expect(stored.first?.createdAtMicros == 100)

        // The same bytes in the other list are a different dead drop.
        let journalist = try await store.append(
            .journalist, data: data, createdAtMicros: 100, signature: Fixtures.signature(), epoch: 1
        )
        #expect(journalist.inserted)
    }

    func recentSummaryIsNewestFirst() async throws {
        #expect(try await store.recentSummary(.user).isEmpty)
        var ids: [Int32] = []
        for index in 0..<12 {
            let result = try await store.append(
                .user, data: Fixtures.bytes(553), createdAtMicros: Int64(index), signature: Fixtures.signature(),
                epoch: nil
            )
            ids.append(result.id)
        }
        let summary = try await store.recentSummary(.user)
        #expect(summary.map(\.id) == Array(ids.reversed().prefix(10)))
        #expect(summary.map(\.createdAtMicros) == (2..<12).reversed().map { Int64($0) })
        #expect(try await store.recentSummary(.user, count: 3).map(\.id) == Array(ids.reversed().prefix(3)))
        #expect(try await store.recentSummary(.journalist).isEmpty)
    }

    func pruningDeadDropsNeverReusesIds() async throws {
        var ids: [Int32] = []
        for created in [Int64(10), 20, 30] {
            ids.append(
                try await store.append(
                    .journalist, data: Fixtures.bytes(633), createdAtMicros: created, signature: Fixtures.signature(),
                    epoch: 1
                ).id
            )
        }
        #expect(try await store.prune(.journalist, createdBeforeMicros: 20) == 1)
        #expect(try await store.list(.journalist, idsGreaterThan: 0, limit: 10).map(\.id) == Array(ids.dropFirst()))
        #expect(try await store.prune(.journalist, createdBeforeMicros: 1_000) == 2)
        #expect(try await store.list(.journalist, idsGreaterThan: 0, limit: 10).isEmpty)
        let next = try await store.append(
            .journalist, data: Fixtures.bytes(633), createdAtMicros: 40, signature: Fixtures.signature(), epoch: 1
        )
        #expect(next.id > ids[2])
    }

    func malformedDeadDropsAreRejected() async throws {
        try await expectInvalidInput("signature must be 64 bytes, got 63") {
            _ = try await store.append(
                .user, data: Fixtures.bytes(553), createdAtMicros: 1, signature: Fixtures.bytes(63), epoch: nil
            )
        }
        try await expectInvalidInput("must not be empty") {
            _ = try await store.append(
                .journalist, data: Data(), createdAtMicros: 1, signature: Fixtures.signature(), epoch: 1
            )
        }
        #expect(try await store.list(.user, idsGreaterThan: 0, limit: 10).isEmpty)
    }

    // MARK: Message streams

    func streamAppendAndReadInOrder() async throws {
        let batch = Fixtures.messages(.userToCoverNode, count: 6)
        #expect(try await store.append(.userToCoverNode, batch, receivedAtMicros: 1) == 6)
        let all = try await store.read(.userToCoverNode, after: 0, limit: 100)
        #expect(all.map(\.message) == batch)
        let positions = all.map(\.position)
        #expect(zip(positions, positions.dropFirst()).allSatisfy { $0 < $1 })
        #expect(positions.allSatisfy { $0 > 0 })

        let page = try await store.read(.userToCoverNode, after: positions[1], limit: 3)
        #expect(page.map(\.message) == Array(batch[2..<5]))
        #expect(try await store.read(.userToCoverNode, after: positions[5], limit: 10).isEmpty)
        #expect(try await store.read(.userToCoverNode, after: 0, limit: 0).isEmpty)

        // The two streams are independent.
        #expect(try await store.read(.journalistToCoverNode, after: 0, limit: 10).isEmpty)
        let j2c = Fixtures.messages(.journalistToCoverNode, count: 2)
        #expect(try await store.append(.journalistToCoverNode, j2c, receivedAtMicros: 1) == 2)
        #expect(try await store.read(.journalistToCoverNode, after: 0, limit: 10).map(\.message) == j2c)
        #expect(try await store.append(.journalistToCoverNode, [], receivedAtMicros: 1) == 0)
    }

    func streamDropsReplayedMessages() async throws {
        let first = Fixtures.messages(.userToCoverNode, count: 3)
        #expect(try await store.append(.userToCoverNode, first, receivedAtMicros: 1) == 3)
        let fresh = Fixtures.messages(.userToCoverNode, count: 2)
        // A replay of first[1], and fresh[0] twice within the batch.
        let second = [fresh[0], first[1], fresh[0], fresh[1]]
        #expect(try await store.append(.userToCoverNode, second, receivedAtMicros: 2) == 2)
        #expect(try await store.append(.userToCoverNode, first, receivedAtMicros: 3) == 0)
        let all = try await store.read(.userToCoverNode, after: 0, limit: 100).map(\.message)
        #expect(all == first + fresh)
    }

    func streamBatchesLargerThanOneStatement() async throws {
        let batch = Fixtures.messages(.journalistToCoverNode, count: 2_345)
        #expect(try await store.append(.journalistToCoverNode, batch, receivedAtMicros: 1) == 2_345)
        var read: [Data] = []
        var after: Int64 = 0
        while true {
            let page = try await store.read(.journalistToCoverNode, after: after, limit: 1_000)
            guard let last = page.last else { break }
            read += page.map(\.message)
            after = last.position
        }
        #expect(read == batch)
    }

    func wrongLengthMessagesRejectTheWholeBatch() async throws {
        var batch = Fixtures.messages(.userToCoverNode, count: 3)
        batch[1] = Fixtures.bytes(772)
        try await expectInvalidInput("message 1 of a u2c batch must be 773 bytes, got 772") {
            _ = try await store.append(.userToCoverNode, batch, receivedAtMicros: 1)
        }
        try await expectInvalidInput("must be 730 bytes, got 773") {
            _ = try await store.append(
                .journalistToCoverNode, [Fixtures.message(.userToCoverNode)], receivedAtMicros: 1)
        }
        #expect(try await store.read(.userToCoverNode, after: 0, limit: 10).isEmpty)
    }

    func pruningStreamsNeverReusesPositions() async throws {
        let old = Fixtures.messages(.userToCoverNode, count: 3)
        let new = Fixtures.messages(.userToCoverNode, count: 2)
        try await store.append(.userToCoverNode, old, receivedAtMicros: 100)
        try await store.append(.userToCoverNode, new, receivedAtMicros: 200)
        let positions = try await store.read(.userToCoverNode, after: 0, limit: 10).map(\.position)

        #expect(try await store.prune(.userToCoverNode, before: positions[1]) == 1)
        #expect(try await store.prune(.userToCoverNode, receivedBeforeMicros: 200) == 2)
        #expect(try await store.read(.userToCoverNode, after: 0, limit: 10).map(\.message) == new)
        #expect(try await store.prune(.userToCoverNode, receivedBeforeMicros: 1_000) == 2)

        let later = Fixtures.messages(.userToCoverNode, count: 1)
        try await store.append(.userToCoverNode, later, receivedAtMicros: 300)
        let after = try await store.read(.userToCoverNode, after: 0, limit: 10)
        #expect(after.map(\.message) == later)
        #expect((after.first?.position ?? 0) > positions[4])
        // Once pruned, a message is no longer remembered for replay protection (documented).
        #expect(try await store.append(.userToCoverNode, [old[0]], receivedAtMicros: 400) == 1)
    }

    func checkpointsPerConsumer() async throws {
        #expect(try await store.checkpoint(consumer: "covernode.u2c") == 0)
        try await store.saveCheckpoint(consumer: "covernode.u2c", position: 42)
        try await store.saveCheckpoint(consumer: "covernode.j2c", position: 7)
        #expect(try await store.checkpoint(consumer: "covernode.u2c") == 42)
        try await store.saveCheckpoint(consumer: "covernode.u2c", position: 43)
        #expect(try await store.checkpoint(consumer: "covernode.u2c") == 43)
        #expect(try await store.checkpoint(consumer: "covernode.j2c") == 7)
        try await expectInvalidInput("must not be negative") {
            try await store.saveCheckpoint(consumer: "covernode.u2c", position: -1)
        }
        try await expectInvalidInput("consumer name") { _ = try await store.checkpoint(consumer: "") }
    }

    /// Several writers append concurrently while one reader polls with a saved checkpoint: every
    /// message is read exactly once, in position order, each batch in its own order.
    /// `append(writer, batch)` performs one append (backends may add delays inside it).
    func concurrentAppendsAreReadExactlyOnce(
        writers: Int,
        batchesPerWriter: Int,
        append: @escaping @Sendable (Int, [Data]) async throws -> Void
    ) async throws {
        let stream = MessageStream.userToCoverNode
        let consumer = "compat.reader"
        let batches: [[[Data]]] = (0..<writers).map { _ in
            (0..<batchesPerWriter).map { _ in Fixtures.messages(stream, count: Int.random(in: 1...12)) }
        }
        let doneFlag = DoneFlag()
        let writing = Task {
            try await withThrowingTaskGroup(of: Void.self) { group in
                for writer in 0..<writers {
                    let mine = batches[writer]
                    group.addTask {
                        for batch in mine { try await append(writer, batch) }
                    }
                }
                try await group.waitForAll()
            }
            await doneFlag.set()
        }

        var read: [StreamMessage] = []
        var finalPass = false
        while true {
            let checkpoint = try await store.checkpoint(consumer: consumer)
            let page = try await store.read(stream, after: checkpoint, limit: 7)
            if let last = page.last {
                read += page
                try await store.saveCheckpoint(consumer: consumer, position: last.position)
                continue
            }
            if finalPass { break }
            if await doneFlag.isSet {
                finalPass = true  // every append has returned: one more pass drains the rest
            } else {
                try await Task.sleep(for: .milliseconds(3))
            }
        }
        try await writing.value

        let positions = read.map(\.position)
        #expect(zip(positions, positions.dropFirst()).allSatisfy { $0 < $1 }, "positions strictly increase")
        let written = batches.flatMap { $0.flatMap { $0 } }
        let missing = Set(written).subtracting(read.map(\.message)).count
        #expect(missing == 0, "no message skipped")
        #expect(read.count == written.count, "every message read exactly once")
        let order = Dictionary(uniqueKeysWithValues: read.map(\.message).enumerated().map { ($1, $0) })
        for batch in batches.joined() {
            let indices = batch.compactMap { order[$0] }
            #expect(indices == indices.sorted(), "a batch keeps its order")
        }
        #expect(try await store.checkpoint(consumer: consumer) == positions.last)
    }

    // MARK: Form replay

    func formSignaturesAreAcceptedOnce() async throws {
        let signature = Fixtures.signature()
        #expect(try await store.recordFirstUse(signature: signature, expiresAtMicros: 1_000))
        #expect(try await !store.recordFirstUse(signature: signature, expiresAtMicros: 1_000))
        let other = Fixtures.signature()
        #expect(try await store.recordFirstUse(signature: other, expiresAtMicros: 5_000))

        #expect(try await store.pruneExpiredSignatures(nowMicros: 1_000) == 0)
        #expect(try await store.pruneExpiredSignatures(nowMicros: 1_001) == 1)
        #expect(try await !store.recordFirstUse(signature: other, expiresAtMicros: 5_000))
        #expect(try await store.recordFirstUse(signature: signature, expiresAtMicros: 9_000))

        try await expectInvalidInput("signature must be 64 bytes, got 65") {
            _ = try await store.recordFirstUse(signature: Fixtures.bytes(65), expiresAtMicros: 1)
        }
    }

    // MARK: Helpers

    /// Expects `body` to throw ``StorageError`` `invalidInput` whose message contains `fragment`
    /// and never contains `secret`.
    func expectInvalidInput(
        _ fragment: String,
        secret: String? = nil,
        sourceLocation: SourceLocation = #_sourceLocation,
        _ body: () async throws -> Void
    ) async throws {
        do {
            try await body()
            Issue.record("expected StorageError.invalidInput (\(fragment))", sourceLocation: sourceLocation)
        } catch let error as StorageError {
            #expect(error.code == .invalidInput, sourceLocation: sourceLocation)
            #expect(error.message.contains(fragment), "\(error.message)", sourceLocation: sourceLocation)
            if let secret {
                #expect(!error.message.contains(secret), sourceLocation: sourceLocation)
            }
        }
    }
}

/// Set once when all writers have returned.
actor DoneFlag {
    private(set) var isSet = false
    func set() { self.isSet = true }
}
