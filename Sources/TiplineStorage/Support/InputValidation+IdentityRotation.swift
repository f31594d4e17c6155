import TiplineCore

extension InputValidation {
    /// Largest inner form accepted in the rotation queue (a real one is about 400 bytes of JSON).
    static let maxQueuedFormLength = 16 * 1024

    static func identityRotation(_ entry: QueuedIdentityRotation) throws {
        try identifier(entry.journalistId, field: "journalist id")
        try lowercaseHex(entry.newKeyHex, byteCount: 32, field: "newKeyHex")
        guard !entry.form.isEmpty, entry.form.count <= maxQueuedFormLength else {
            throw StorageError(.invalidInput, "a queued form must be 1 to \(maxQueuedFormLength) bytes")
        }
    }
}
