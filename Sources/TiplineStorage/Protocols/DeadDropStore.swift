package import Foundation
package import TiplineCore

/// The two append-only dead-drop lists (`PROTOCOL.md` §5).
package protocol DeadDropStore: Sendable {
    /// Appends a dead drop, idempotently.
    ///
    /// Byte-identical `data` already stored in the same list returns the existing id with
    /// `inserted == false` and changes nothing (CoverDrop answers 500 there and wedges the CoverNode).
    /// Ids are in the `Int32` range and increase; on PostgreSQL a reader paging with
    /// `ids_greater_than` never misses a dead drop that committed late.
    ///
    /// - Throws: ``StorageError`` `invalidInput` if `signature` is not 64 bytes or `data` is empty.
    func append(
        _ kind: DeadDropKind,
        data: Data,
        createdAtMicros: Int64,
        signature: Data,
        epoch: Int32?
    ) async throws -> DeadDropAppendResult

    /// The stored dead drop whose `data` is byte-identical to `data`, or `nil` (a read: lets the API answer a
    /// re-publish of a stored dead drop before checking anything else).
    func find(_ kind: DeadDropKind, data: Data) async throws -> StoredDeadDrop?

    /// Dead drops with `id > idsGreaterThan`, ascending by id, at most `limit` (a non-positive limit returns none).
    func list(_ kind: DeadDropKind, idsGreaterThan: Int32, limit: Int) async throws -> [StoredDeadDrop]

    /// The `count` newest dead drops (id and creation time), newest first.
    func recentSummary(_ kind: DeadDropKind, count: Int) async throws -> [DeadDropSummary]

    /// Deletes dead drops created before `createdBeforeMicros`; returns how many were deleted.
    @discardableResult
    func prune(_ kind: DeadDropKind, createdBeforeMicros: Int64) async throws -> Int
}

extension DeadDropStore {
    /// The 10 newest dead drops, newest first (what `recent-summary` serves).
    package func recentSummary(_ kind: DeadDropKind) async throws -> [DeadDropSummary] {
        try await self.recentSummary(kind, count: 10)
    }
}
