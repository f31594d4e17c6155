import Foundation
import Testing
import TiplineStorage

/// The shared compatibility suite against SQLite (a fresh file per test).
@Suite("Store compatibility: SQLite")
struct SQLiteStoreCompatibilityTests {
    func check(_ body: (TiplineStoreCompatTest) async throws -> Void) async throws {
        try await SQLiteTestDatabase.withStore { store in
            try await body(TiplineStoreCompatTest(store: store))
        }
    }

    @Test func keysRoundTripWithSharedEpochCounter() async throws {
        try await check { try await $0.keysRoundTripWithSharedEpochCounter() }
    }

    @Test func reinsertingAKeyReturnsItsEpochAndChangesNothing() async throws {
        try await check { try await $0.reinsertingAKeyReturnsItsEpochAndChangesNothing() }
    }

    @Test func latestAddedAtIsPerRole() async throws {
        try await check { try await $0.latestAddedAtIsPerRole() }
    }

    @Test func deletingExpiredKeysBumpsTheEpoch() async throws {
        try await check { try await $0.deletingExpiredKeysBumpsTheEpoch() }
    }

    @Test func malformedKeysAreRejectedWithClearErrors() async throws {
        try await check { try await $0.malformedKeysAreRejectedWithClearErrors() }
    }

    @Test func profilesUpsertUpdateAndDelete() async throws {
        try await check { try await $0.profilesUpsertUpdateAndDelete() }
    }

    @Test func latestStatusIsTheNewestEvent() async throws {
        try await check { try await $0.latestStatusIsTheNewestEvent() }
    }

    @Test func deadDropsAppendAndPageAscending() async throws {
        try await check { try await $0.deadDropsAppendAndPageAscending() }
    }

    @Test func reappendingIdenticalDeadDropDataIsIdempotent() async throws {
        try await check { try await $0.reappendingIdenticalDeadDropDataIsIdempotent() }
    }

    @Test func recentSummaryIsNewestFirst() async throws {
        try await check { try await $0.recentSummaryIsNewestFirst() }
    }

    @Test func pruningDeadDropsNeverReusesIds() async throws {
        try await check { try await $0.pruningDeadDropsNeverReusesIds() }
    }

    @Test func malformedDeadDropsAreRejected() async throws {
        try await check { try await $0.malformedDeadDropsAreRejected() }
    }

    @Test func streamAppendAndReadInOrder() async throws {
        try await check { try await $0.streamAppendAndReadInOrder() }
    }

    @Test func streamDropsReplayedMessages() async throws {
        try await check { try await $0.streamDropsReplayedMessages() }
    }

    @Test func streamBatchesLargerThanOneStatement() async throws {
        try await check { try await $0.streamBatchesLargerThanOneStatement() }
    }

    @Test func wrongLengthMessagesRejectTheWholeBatch() async throws {
        try await check { try await $0.wrongLengthMessagesRejectTheWholeBatch() }
    }

    @Test func pruningStreamsNeverReusesPositions() async throws {
        try await check { try await $0.pruningStreamsNeverReusesPositions() }
    }

    @Test func checkpointsPerConsumer() async throws {
        try await check { try await $0.checkpointsPerConsumer() }
    }

    @Test func formSignaturesAreAcceptedOnce() async throws {
        try await check { try await $0.formSignaturesAreAcceptedOnce() }
    }

    @Test func identityRotationQueueKeepsOneEntryPerJournalist() async throws {
        try await check { try await $0.identityRotationQueueKeepsOneEntryPerJournalist() }
    }

    @Test func identityRotationDequeueNeedsTheQueuedKey() async throws {
        try await check { try await $0.identityRotationDequeueNeedsTheQueuedKey() }
    }

    @Test func expiredIdentityRotationsArePruned() async throws {
        try await check { try await $0.expiredIdentityRotationsArePruned() }
    }

    @Test func malformedIdentityRotationsAreRejected() async throws {
        try await check { try await $0.malformedIdentityRotationsAreRejected() }
    }

    @Test func concurrentAppendsFromTwoConnectionsAreReadExactlyOnce() async throws {
        try await SQLiteTestDatabase.withDirectory { directory in
            let path = directory.appendingPathComponent("tipline.sqlite").path
            // Two pools on one file behave like two processes sharing the database.
            let reader = try SQLiteStore(path: path)
            let other = try SQLiteStore(path: path)
            defer {
                try? reader.close()
                try? other.close()
            }
            try await TiplineStoreCompatTest(store: reader).concurrentAppendsAreReadExactlyOnce(
                writers: 4,
                batchesPerWriter: 15
            ) { writer, batch in
                let store = writer.isMultiple(of: 2) ? reader : other
                try await store.append(.userToCoverNode, batch, receivedAtMicros: 1)
            }
        }
    }
}
