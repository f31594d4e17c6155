/// The journalist identity-key rotation queue (`PROTOCOL.md` §4.7, §6.2.2): the API stores each journalist's
/// latest request, the certifier reads the unexpired ones, and the certified upload removes its entry.
package protocol IdentityRotationQueueStore: Sendable {
    /// Stores `entry` as the one queued request of its journalist, replacing any earlier one.
    ///
    /// - Throws: ``StorageError`` `invalidInput` if the journalist id or key hex is malformed or the form is empty.
    func enqueueIdentityRotation(_ entry: QueuedIdentityRotation) async throws

    /// The entries with `expiresAtMicros >= nowMicros`, ordered by journalist id.
    func queuedIdentityRotations(nowMicros: Int64) async throws -> [QueuedIdentityRotation]

    /// Deletes the entry of `journalistId` if it is for `newKeyHex`.
    ///
    /// - Returns: `false` when the journalist has no entry or it is for another key (which stays queued).
    @discardableResult
    func dequeueIdentityRotation(journalistId: String, newKeyHex: String) async throws -> Bool

    /// Deletes entries with `expiresAtMicros < nowMicros`; returns how many were deleted.
    @discardableResult
    func pruneExpiredIdentityRotations(nowMicros: Int64) async throws -> Int
}
