package import Foundation

/// Replay protection for signed forms (CoverDrop has none, `PROTOCOL.md` §6.1, §12).
package protocol FormReplayStore: Sendable {
    /// Records the 64-byte signature of a verified form.
    ///
    /// - Returns: `true` the first time this signature is seen, `false` on a replay.
    /// - Throws: ``StorageError`` `invalidInput` if `signature` is not 64 bytes.
    func recordFirstUse(signature: Data, expiresAtMicros: Int64) async throws -> Bool

    /// Forgets a signature that ``recordFirstUse(signature:expiresAtMicros:)`` recorded for a request that then
    /// failed, so that its form can be sent again; does nothing when the signature is not recorded.
    /// - Throws: ``StorageError`` `invalidInput` if `signature` is not 64 bytes.
    func forgetUse(signature: Data) async throws

    /// Whether this signature was recorded by ``recordFirstUse(signature:expiresAtMicros:)`` (a read: the cheap
    /// replay check before the form's signer is looked up).
    /// - Throws: ``StorageError`` `invalidInput` if `signature` is not 64 bytes.
    func isUsed(signature: Data) async throws -> Bool

    /// Forgets signatures whose form expired before `nowMicros` (the form itself is then rejected
    /// as expired, so it cannot be replayed); returns how many were removed.
    @discardableResult
    func pruneExpiredSignatures(nowMicros: Int64) async throws -> Int
}
