/// Published keys of the hierarchy and the epoch counter (`PROTOCOL.md` §4.4, §4.6).
package protocol KeyStore: Sendable {
    /// Stores a key and returns its epoch.
    ///
    /// Keys of the seven epoch'd roles (see ``PublishedKeyRole/isEpoched``) get the next value of one
    /// monotonic counter shared by all of them; admin and backup keys get `nil`. Re-inserting an
    /// existing `(role, keyHex)` changes nothing and returns the existing epoch. Epochs stay strictly
    /// increasing, in commit order, under concurrent inserts from several processes.
    /// The `epoch` field of `key` is ignored.
    ///
    /// - Throws: ``StorageError`` with code `invalidInput` if hex fields, expiry or owner are malformed.
    func insert(_ key: PublishedKey) async throws -> Int32?

    /// Every stored key, in insertion order.
    func allKeys() async throws -> [PublishedKey]

    /// Every stored key and the epoch counter, read atomically (for `GET /v1/public-keys`).
    func keysSnapshot() async throws -> PublishedKeysSnapshot

    /// The epoch counter and the number of stored keys, read atomically: a fingerprint that changes with every
    /// insert and deletion (see ``PublishedKeysVersion``), far cheaper than ``keysSnapshot()``.
    func keysVersion() async throws -> PublishedKeysVersion

    /// The epoch counter: 0 for a fresh store, otherwise at least every stored epoch. It grows on
    /// every epoch'd insert and on every ``deleteExpired(nowMicros:)`` that removed a key.
    func maxEpoch() async throws -> Int32

    /// The newest `addedAtMicros` among keys of `role`, or `nil` if there is none
    /// (for "rotated too recently" checks).
    func latestAddedAt(role: PublishedKeyRole) async throws -> Int64?

    /// Deletes keys whose `notValidAfterMicros` is before `nowMicros` and returns how many were
    /// deleted; bumps the epoch counter if anything was deleted.
    @discardableResult
    func deleteExpired(nowMicros: Int64) async throws -> Int

    /// The epoch of the key `keyHex` of `role`, or `nil` if absent or not epoch'd.
    func epoch(ofKeyHex keyHex: String, role: PublishedKeyRole) async throws -> Int32?

    /// The stored key `keyHex` of `role`, or `nil` if absent.
    func key(ofKeyHex keyHex: String, role: PublishedKeyRole) async throws -> PublishedKey?
}
