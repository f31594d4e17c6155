import Testing
import TiplineStorage

/// The shared compatibility suite against PostgreSQL (a fresh database per test).
///
/// Disabled without `TIPLINE_POSTGRES_URL`, except in CI (`CI` set), where it runs and fails.
@Suite(
    "Store compatibility: PostgreSQL",
    .enabled(if: PostgresTestEnvironment.enabled, PostgresTestEnvironment.disabledReason)
)
struct PostgresStoreCompatibilityTests {
    func check(_ body: (TiplineStoreCompatTest) async throws -> Void) async throws {
        try await PostgresTestDatabase.withStore { store, _ in
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
}
