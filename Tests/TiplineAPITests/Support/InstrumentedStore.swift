import Foundation
import HummingbirdTesting
import Synchronization
import TiplineCore
import TiplineStorage

/// A real ``SQLiteStore`` behind a forwarding wrapper that counts full key loads (`keysSnapshot`) and status writes,
/// can make the next status write or form-use record fail once, as a transient database error would, and can hold
/// the next status write until the test releases it.
final class InstrumentedStore: TiplineStore {
    let inner: SQLiteStore
    private let snapshots = Mutex(0)
    private let failNextStatusWrite = Mutex(false)
    private let failNextFirstUse = Mutex(false)
    private let statusWrites = Mutex(0)
    private let heldStatusWrite = Mutex<(reached: AsyncStream<Void>.Continuation, released: AsyncStream<Void>)?>(nil)

    init(_ inner: SQLiteStore) { self.inner = inner }

    /// How many times the whole key hierarchy was read.
    var snapshotCount: Int { snapshots.withLock { $0 } }

    /// How many status writes reached the store.
    var statusWriteCount: Int { statusWrites.withLock { $0 } }

    /// Makes the next ``recordStatus(_:)`` throw a `StorageError` (`database`) without writing.
    func failNextStatusWriteOnce() { failNextStatusWrite.withLock { $0 = true } }

    /// Makes the next ``recordFirstUse(signature:expiresAtMicros:)`` throw a `StorageError` (`database`) without
    /// recording.
    func failNextFirstUseOnce() { failNextFirstUse.withLock { $0 = true } }

    /// Holds the next ``recordStatus(_:)`` before it writes: `reached` ends once it is held, and it writes after
    /// `release` is called.
    func holdNextStatusWrite() -> (reached: AsyncStream<Void>, release: @Sendable () -> Void) {
        let (reached, reachedContinuation) = AsyncStream<Void>.makeStream()
        let (released, releasedContinuation) = AsyncStream<Void>.makeStream()
        heldStatusWrite.withLock { $0 = (reachedContinuation, released) }
        return (reached, { releasedContinuation.finish() })
    }

    // KeyStore
    func insert(_ key: PublishedKey) async throws -> Int32? { try await inner.insert(key) }
    func allKeys() async throws -> [PublishedKey] { try await inner.allKeys() }
    func keysSnapshot() async throws -> PublishedKeysSnapshot {
        snapshots.withLock { $0 += 1 }
        return try await inner.keysSnapshot()
    }
    func keysVersion() async throws -> PublishedKeysVersion { try await inner.keysVersion() }
    func maxEpoch() async throws -> Int32 { try await inner.maxEpoch() }
    func latestAddedAt(role: PublishedKeyRole) async throws -> Int64? {
        try await inner.latestAddedAt(role: role)
    }
    func deleteExpired(nowMicros: Int64) async throws -> Int { try await inner.deleteExpired(nowMicros: nowMicros) }
    func epoch(ofKeyHex keyHex: String, role: PublishedKeyRole) async throws -> Int32? {
        try await inner.epoch(ofKeyHex: keyHex, role: role)
    }
    func key(ofKeyHex keyHex: String, role: PublishedKeyRole) async throws -> PublishedKey? {
        try await inner.key(ofKeyHex: keyHex, role: role)
    }

    // ProfileStore
    func upsertProfile(_ profile: StoredJournalistProfile) async throws {
        try await inner.upsertProfile(profile)
    }
    func updateProfile(
        id: String, displayName: String?, sortName: String?, isDesk: Bool?, description: String?
    ) async throws -> Bool {
        try await inner.updateProfile(
            id: id, displayName: displayName, sortName: sortName, isDesk: isDesk, description: description)
    }
    func updateProfileStatus(id: String, status: String) async throws -> Bool {
        try await inner.updateProfileStatus(id: id, status: status)
    }
    func deleteProfile(id: String) async throws -> Bool { try await inner.deleteProfile(id: id) }
    func profiles() async throws -> [StoredJournalistProfile] { try await inner.profiles() }

    // StatusStore
    func recordStatus(_ event: StoredStatusEvent) async throws {
        if failNextStatusWrite.withLock({ flag in
            defer { flag = false }; return flag
        }) {
            throw StorageError(.database, "record status failed: injected transient error")
        }
        if let held = heldStatusWrite.withLock({ held in
            defer { held = nil }; return held
        }) {
            held.reached.finish()
            for await _ in held.released {}
        }
        statusWrites.withLock { $0 += 1 }
        try await inner.recordStatus(event)
    }
    func latestStatus() async throws -> StoredStatusEvent? { try await inner.latestStatus() }

    // DeadDropStore
    func append(
        _ kind: DeadDropKind, data: Data, createdAtMicros: Int64, signature: Data, epoch: Int32?
    ) async throws -> DeadDropAppendResult {
        try await inner.append(kind, data: data, createdAtMicros: createdAtMicros, signature: signature, epoch: epoch)
    }
    func find(_ kind: DeadDropKind, data: Data) async throws -> StoredDeadDrop? {
        try await inner.find(kind, data: data)
    }
    func list(_ kind: DeadDropKind, idsGreaterThan: Int32, limit: Int) async throws -> [StoredDeadDrop] {
        try await inner.list(kind, idsGreaterThan: idsGreaterThan, limit: limit)
    }
    func recentSummary(_ kind: DeadDropKind, count: Int) async throws -> [DeadDropSummary] {
        try await inner.recentSummary(kind, count: count)
    }
    func prune(_ kind: DeadDropKind, createdBeforeMicros: Int64) async throws -> Int {
        try await inner.prune(kind, createdBeforeMicros: createdBeforeMicros)
    }

    // MessageStreamStore
    func append(_ stream: MessageStream, _ messages: [Data], receivedAtMicros: Int64) async throws -> Int {
        try await inner.append(stream, messages, receivedAtMicros: receivedAtMicros)
    }
    func read(_ stream: MessageStream, after position: Int64, limit: Int) async throws -> [StreamMessage] {
        try await inner.read(stream, after: position, limit: limit)
    }
    func prune(_ stream: MessageStream, before position: Int64) async throws -> Int {
        try await inner.prune(stream, before: position)
    }
    func prune(_ stream: MessageStream, receivedBeforeMicros: Int64) async throws -> Int {
        try await inner.prune(stream, receivedBeforeMicros: receivedBeforeMicros)
    }
    func prune(_ stream: MessageStream, receivedBeforeMicros: Int64, before position: Int64) async throws -> Int {
        try await inner.prune(stream, receivedBeforeMicros: receivedBeforeMicros, before: position)
    }
    func checkpoint(consumer: String) async throws -> Int64 { try await inner.checkpoint(consumer: consumer) }
    func saveCheckpoint(consumer: String, position: Int64) async throws {
        try await inner.saveCheckpoint(consumer: consumer, position: position)
    }

    // FormReplayStore
    func recordFirstUse(signature: Data, expiresAtMicros: Int64) async throws -> Bool {
        if failNextFirstUse.withLock({ flag in
            defer { flag = false }; return flag
        }) {
            throw StorageError(.database, "record form signature failed: injected transient error")
        }
        return try await inner.recordFirstUse(signature: signature, expiresAtMicros: expiresAtMicros)
    }
    func forgetUse(signature: Data) async throws { try await inner.forgetUse(signature: signature) }
    func isUsed(signature: Data) async throws -> Bool { try await inner.isUsed(signature: signature) }
    func pruneExpiredSignatures(nowMicros: Int64) async throws -> Int {
        try await inner.pruneExpiredSignatures(nowMicros: nowMicros)
    }

    // IdentityRotationQueueStore
    func enqueueIdentityRotation(_ entry: QueuedIdentityRotation) async throws {
        try await inner.enqueueIdentityRotation(entry)
    }
    func queuedIdentityRotations(nowMicros: Int64) async throws -> [QueuedIdentityRotation] {
        try await inner.queuedIdentityRotations(nowMicros: nowMicros)
    }
    func dequeueIdentityRotation(journalistId: String, newKeyHex: String) async throws -> Bool {
        try await inner.dequeueIdentityRotation(journalistId: journalistId, newKeyHex: newKeyHex)
    }
    func pruneExpiredIdentityRotations(nowMicros: Int64) async throws -> Int {
        try await inner.pruneExpiredIdentityRotations(nowMicros: nowMicros)
    }
}

extension APIHarness {
    /// Runs `test` on the seeded app of a fresh harness whose store is wrapped in an ``InstrumentedStore``.
    static func withInstrumentedStore(
        _ test:
            @escaping @Sendable (APIHarness, APITestKeys, InstrumentedStore, any TestClientProtocol) async throws ->
            Void
    ) async throws {
        let harness = try APIHarness()
        let store = InstrumentedStore(harness.store)
        try await harness.withSeededRouter(store: store) { client in
            try await test(harness, harness.keys, store, client)
        }
    }
}
