import Testing
import TiplineCore
import TiplineTestSupport

@testable import TiplineClient

@Suite("Dead-drop cache")
struct DeadDropCacheTests {
    let hierarchy: TestHierarchy
    let keys: VerifiedKeys

    init() throws {
        hierarchy = try TestHierarchy(now: Timestamp(seconds: 1_900_000_000))
        keys = hierarchy.keys.verifiedKeys()
    }

    func drop(_ id: Int32, hoursAfterStart hours: Int64) throws -> DeadDropJSON {
        try hierarchy.userDeadDrop(replies: [], count: 2, createdAt: hierarchy.now.adding(.seconds(hours * 3600))).json(
            id: id)
    }

    @Test("merging keeps verified dead drops once, by id, for 14 days before the newest")
    func mergeAndTrim() throws {
        var cache = DeadDropCache()
        #expect(cache.maxId == 0)
        cache.merge(
            [try drop(1, hoursAfterStart: 0), try drop(2, hoursAfterStart: 1)], keys: keys,
            now: hierarchy.now.adding(.seconds(7200)), retention: ClientConfiguration.retention)
        #expect(cache.items.compactMap(\.id) == [1, 2])
        // A newer drop more than 14 days after the first pushes it out; a re-served id changes nothing.
        let later = hierarchy.now.adding(.seconds(14 * 86_400 + 1800))
        cache.merge(
            [try drop(2, hoursAfterStart: 5), try drop(3, hoursAfterStart: 14 * 24 + 1)], keys: keys, now: later,
            retention: ClientConfiguration.retention)
        #expect(cache.items.compactMap(\.id) == [2, 3])
        #expect(cache.maxId == 3)
        #expect(cache.items[0].createdAt == hierarchy.now.adding(.seconds(3600)).rfc3339)
        let restored = DeadDropCache(json: cache.json)
        #expect(restored.items == cache.items)
        #expect(restored.verified(keys: keys, now: later).map(\.id) == [2, 3])
    }

    @Test("cached dead drops keep verifying after the CoverNode identity key that signed them expired")
    func expiredSigningKey() throws {
        let identityLifetime = KeyLifetimes.coverNodeIdentity.components.seconds
        // Signed one day before the identity key expires; read again two days later, when the API (which serves
        // only unexpired keys) no longer lists that key and nothing verifies against it "now".
        let signedAt = hierarchy.now.adding(.seconds(identityLifetime - 86_400))
        let later = hierarchy.now.adding(.seconds(identityLifetime + 86_400))
        let keysThen = VerifiedKeys(hierarchy.keys.response(), trustAnchors: [hierarchy.anchor], now: signedAt)
        let keysLater = VerifiedKeys(hierarchy.keys.response(), trustAnchors: [hierarchy.anchor], now: later)
        #expect(keysLater.allCoverNodeIdentityKeys.isEmpty)
        var cache = DeadDropCache()
        let signed = try hierarchy.userDeadDrop(replies: [], count: 2, createdAt: signedAt).json(id: 1)
        cache.merge([signed], keys: keysThen, now: signedAt, retention: ClientConfiguration.retention)
        let restored = DeadDropCache(json: cache.json)
        #expect(restored.verified(keys: keysLater, now: later).map(\.id) == [1])
        // The expired key never vouches for a dead drop dated after its expiry.
        var withLate = restored
        let lateDrop = try hierarchy.userDeadDrop(replies: [], count: 2, createdAt: later).json(id: 2)
        withLate.merge([lateDrop], keys: keysLater, now: later, retention: ClientConfiguration.retention)
        #expect(withLate.items.compactMap(\.id) == [1])
    }

    @Test("unsigned, forged, far-future and unparsable dead drops are never cached")
    func rejects() throws {
        var forged = try drop(1, hoursAfterStart: 0)
        forged.signature = try hierarchy.organization.sign([1, 2, 3]).hex
        let future = try drop(2, hoursAfterStart: 8 * 24)
        var garbage = try drop(3, hoursAfterStart: 0)
        garbage.data = "not base64!"
        var noId = try drop(4, hoursAfterStart: 0)
        noId.id = nil
        var cache = DeadDropCache()
        cache.merge(
            [forged, future, garbage, noId], keys: keys, now: hierarchy.now, retention: ClientConfiguration.retention)
        #expect(cache.items.isEmpty)
        #expect(DeadDropCache(json: Array("{\"dead_drops\": 3}".utf8)).items.isEmpty)
    }
}
