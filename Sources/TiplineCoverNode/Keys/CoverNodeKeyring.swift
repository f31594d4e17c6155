/// The live key set, shared by the pipelines and the key tasks, persisted on every change.
package actor CoverNodeKeyring {
    private var keys: CoverNodeKeys
    private let store: CoverNodeKeyStore?

    /// Wraps `keys`; changes are saved to `store` when one is given.
    package init(keys: CoverNodeKeys, store: CoverNodeKeyStore?) {
        self.keys = keys
        self.store = store
    }

    /// The current keys.
    package var current: CoverNodeKeys { keys }

    /// Applies `change` and saves the result before it becomes visible; on a save failure nothing changes.
    @discardableResult
    package func update<T: Sendable>(_ change: (inout CoverNodeKeys) throws -> T) throws -> T {
        var updated = keys
        let result = try change(&updated)
        try store?.save(updated)
        keys = updated
        return result
    }
}
