package import Foundation

/// The durable user→CoverNode and journalist→CoverNode message streams, with consumer checkpoints
/// (`PROTOCOL.md` §6.6, §7.6, §7.8).
package protocol MessageStreamStore: Sendable {
    /// Durably appends messages and returns how many were newly stored.
    ///
    /// A message byte-identical to one already in the stream (or earlier in `messages`) is not
    /// stored again: replay protection. When the call returns, the stored messages survive a crash.
    /// Positions follow the order of `messages`.
    ///
    /// - Throws: ``StorageError`` `invalidInput` if a message is not ``MessageStream/messageLength`` bytes.
    @discardableResult
    func append(_ stream: MessageStream, _ messages: [Data], receivedAtMicros: Int64) async throws -> Int

    /// Messages with `position > after`, ascending, at most `limit`.
    ///
    /// A reader that repeatedly reads after its last position sees every message exactly once,
    /// even when several writers commit out of order.
    func read(_ stream: MessageStream, after position: Int64, limit: Int) async throws -> [StreamMessage]

    /// Deletes messages with `position < position`; returns how many were deleted.
    @discardableResult
    func prune(_ stream: MessageStream, before position: Int64) async throws -> Int

    /// Deletes messages received before `receivedBeforeMicros`; returns how many were deleted.
    /// Pruned messages are no longer protected against replay.
    @discardableResult
    func prune(_ stream: MessageStream, receivedBeforeMicros: Int64) async throws -> Int

    /// Deletes messages received before `receivedBeforeMicros` whose position is below `position` (for example a
    /// consumer's checkpoint + 1, so that nothing the consumer has not read is deleted); returns how many.
    @discardableResult
    func prune(_ stream: MessageStream, receivedBeforeMicros: Int64, before position: Int64) async throws -> Int

    /// The last position saved by `consumer`, or 0 if none.
    func checkpoint(consumer: String) async throws -> Int64

    /// Durably saves `position` as the checkpoint of `consumer` (replacing the previous one).
    func saveCheckpoint(consumer: String, position: Int64) async throws
}

extension MessageStreamStore {
    /// Appends messages stamped with the current wall-clock time.
    @discardableResult
    package func append(_ stream: MessageStream, _ messages: [Data]) async throws -> Int {
        let micros = Int64((Date().timeIntervalSince1970 * 1_000_000).rounded(.down))
        return try await self.append(stream, messages, receivedAtMicros: micros)
    }
}
