import Synchronization
import TiplineCore
import TiplineStorage

/// The verified key hierarchy, loaded and verified once per version of the stored keys instead of on every request.
///
/// Each lookup reads only ``TiplineStorage/PublishedKeysVersion`` (the epoch counter and the key count, which change
/// with every insert and deletion, from any API instance). The cached verification is reused while that version is
/// unchanged and `now` has not passed the earliest expiry among the stored keys: verification depends on time only
/// through expiries, so until then it gives the same answer as a fresh one.
final class VerifiedHierarchyCache: Sendable {
    private struct Entry {
        let version: PublishedKeysVersion
        let view: KeyView
        /// The earliest `not_valid_after` at or after verification (`nil`: no key expires).
        let validUntil: Timestamp?
    }

    private let store: any TiplineStore
    private let anchors: [SignedPublicKey<SigningPublicKey<Role.Organization>>]
    private let entry = Mutex<Entry?>(nil)

    init(store: any TiplineStore, anchors: [SignedPublicKey<SigningPublicKey<Role.Organization>>]) {
        self.store = store
        self.anchors = anchors
    }

    /// The hierarchy as verified at `now`.
    func view(now: Timestamp) async throws -> KeyView {
        let version = try await store.keysVersion()
        let cached = entry.withLock { $0 }
        if let cached, cached.version == version, cached.view.now <= now,
            cached.validUntil.map({ now <= $0 }) ?? true
        {
            return cached.view.at(now)
        }
        let view = try await KeyView.load(store: store, anchors: anchors, now: now)
        let expiries =
            view.snapshot.keys.map { Timestamp(microseconds: $0.notValidAfterMicros) } + anchors.map(\.notValidAfter)
        let fresh = Entry(
            version: PublishedKeysVersion(maxEpoch: view.snapshot.maxEpoch, keyCount: view.snapshot.keys.count),
            view: view, validUntil: expiries.filter { $0 >= now }.min())
        entry.withLock { $0 = fresh }
        return view
    }
}
