import Testing
import TiplineStorage

/// The shared compatibility suite (``TiplineStoreCompatTest``) against every backend, a fresh store per case:
/// SQLite always, PostgreSQL when `TIPLINE_POSTGRES_URL` is set — and always in CI (`CI` set), where a missing
/// database makes the PostgreSQL cases fail instead of vanishing.
@Suite("Store compatibility")
struct StoreCompatibilityTests {
    @Test(arguments: StoreBackend.available)
    func keysRoundTripWithSharedEpochCounter(_ backend: StoreBackend) async throws {
        try await backend.check { try await $0.keysRoundTripWithSharedEpochCounter() }
    }

    @Test(arguments: StoreBackend.available)
    func reinsertingAKeyReturnsItsEpochAndChangesNothing(_ backend: StoreBackend) async throws {
        try await backend.check { try await $0.reinsertingAKeyReturnsItsEpochAndChangesNothing() }
    }

    @Test(arguments: StoreBackend.available)
    func latestAddedAtIsPerRole(_ backend: StoreBackend) async throws {
        try await backend.check { try await $0.latestAddedAtIsPerRole() }
    }

    @Test(arguments: StoreBackend.available)
    func deletingExpiredKeysBumpsTheEpoch(_ backend: StoreBackend) async throws {
        try await backend.check { try await $0.deletingExpiredKeysBumpsTheEpoch() }
    }

    @Test(arguments: StoreBackend.available)
    func malformedKeysAreRejectedWithClearErrors(_ backend: StoreBackend) async throws {
        try await backend.check { try await $0.malformedKeysAreRejectedWithClearErrors() }
    }

    @Test(arguments: StoreBackend.available)
    func profilesUpsertUpdateAndDelete(_ backend: StoreBackend) async throws {
        try await backend.check { try await $0.profilesUpsertUpdateAndDelete() }
    }

    @Test(arguments: StoreBackend.available)
    func latestStatusIsTheNewestEvent(_ backend: StoreBackend) async throws {
        try await backend.check { try await $0.latestStatusIsTheNewestEvent() }
    }

    @Test(arguments: StoreBackend.available)
    func deadDropsAppendAndPageAscending(_ backend: StoreBackend) async throws {
        try await backend.check { try await $0.deadDropsAppendAndPageAscending() }
    }

    @Test(arguments: StoreBackend.available)
    func reappendingIdenticalDeadDropDataIsIdempotent(_ backend: StoreBackend) async throws {
        try await backend.check { try await $0.reappendingIdenticalDeadDropDataIsIdempotent() }
    }

    @Test(arguments: StoreBackend.available)
    func recentSummaryIsNewestFirst(_ backend: StoreBackend) async throws {
        try await backend.check { try await $0.recentSummaryIsNewestFirst() }
    }

    @Test(arguments: StoreBackend.available)
    func pruningDeadDropsNeverReusesIds(_ backend: StoreBackend) async throws {
        try await backend.check { try await $0.pruningDeadDropsNeverReusesIds() }
    }

    @Test(arguments: StoreBackend.available)
    func malformedDeadDropsAreRejected(_ backend: StoreBackend) async throws {
        try await backend.check { try await $0.malformedDeadDropsAreRejected() }
    }

    @Test(arguments: StoreBackend.available)
    func streamAppendAndReadInOrder(_ backend: StoreBackend) async throws {
        try await backend.check { try await $0.streamAppendAndReadInOrder() }
    }

    @Test(arguments: StoreBackend.available)
    func streamDropsReplayedMessages(_ backend: StoreBackend) async throws {
        try await backend.check { try await $0.streamDropsReplayedMessages() }
    }

    @Test(arguments: StoreBackend.available)
    func streamBatchesLargerThanOneStatement(_ backend: StoreBackend) async throws {
        try await backend.check { try await $0.streamBatchesLargerThanOneStatement() }
    }

    @Test(arguments: StoreBackend.available)
    func wrongLengthMessagesRejectTheWholeBatch(_ backend: StoreBackend) async throws {
        try await backend.check { try await $0.wrongLengthMessagesRejectTheWholeBatch() }
    }

    @Test(arguments: StoreBackend.available)
    func pruningStreamsNeverReusesPositions(_ backend: StoreBackend) async throws {
        try await backend.check { try await $0.pruningStreamsNeverReusesPositions() }
    }

    @Test(arguments: StoreBackend.available)
    func checkpointsPerConsumer(_ backend: StoreBackend) async throws {
        try await backend.check { try await $0.checkpointsPerConsumer() }
    }

    @Test(arguments: StoreBackend.available)
    func formSignaturesAreAcceptedOnce(_ backend: StoreBackend) async throws {
        try await backend.check { try await $0.formSignaturesAreAcceptedOnce() }
    }

    @Test(arguments: StoreBackend.available)
    func identityRotationQueueKeepsOneEntryPerJournalist(_ backend: StoreBackend) async throws {
        try await backend.check { try await $0.identityRotationQueueKeepsOneEntryPerJournalist() }
    }

    @Test(arguments: StoreBackend.available)
    func identityRotationDequeueNeedsTheQueuedKey(_ backend: StoreBackend) async throws {
        try await backend.check { try await $0.identityRotationDequeueNeedsTheQueuedKey() }
    }

    @Test(arguments: StoreBackend.available)
    func expiredIdentityRotationsArePruned(_ backend: StoreBackend) async throws {
        try await backend.check { try await $0.expiredIdentityRotationsArePruned() }
    }

    @Test(arguments: StoreBackend.available)
    func malformedIdentityRotationsAreRejected(_ backend: StoreBackend) async throws {
        try await backend.check { try await $0.malformedIdentityRotationsAreRejected() }
    }
}

/// A backend the compatibility suite runs against.
enum StoreBackend: String, CaseIterable, CustomTestStringConvertible, Sendable {
    case sqlite
    case postgres

    /// SQLite, plus PostgreSQL when it is configured or in CI.
    static var available: [StoreBackend] { PostgresTestEnvironment.enabled ? allCases : [.sqlite] }

    var testDescription: String { rawValue }

    /// Runs one compatibility check on a fresh store of this backend.
    func check(_ body: (TiplineStoreCompatTest) async throws -> Void) async throws {
        switch self {
        case .sqlite:
            try await SQLiteTestDatabase.withStore { store in try await body(TiplineStoreCompatTest(store: store)) }
        case .postgres:
            try await PostgresTestDatabase.withStore { store, _ in
                try await body(TiplineStoreCompatTest(store: store))
            }
        }
    }
}
