import Foundation
import TiplineCore
import TiplineTestSupport

/// A ``TestKeyHierarchy`` valid from `now` with journalists who have one or more messaging keys each, published with
/// visible profiles, and the dead drops its CoverNode signs.
@dynamicMemberLookup
struct TestHierarchy: Sendable {
    /// The keys.
    let keys: TestKeyHierarchy

    /// `journalists` maps ids to their number of messaging keys (expiries one hour apart, the last is the latest and
    /// expires an hour before a full messaging-key lifetime).
    init(now: Timestamp, journalists spec: [(id: String, messagingKeys: Int)] = [("alice", 1)]) throws {
        var keys = try TestKeyHierarchy(now: now)
        let validity = KeyLifetimes.messaging - .seconds(3600)
        for entry in spec {
            try keys.addJournalist(entry.id, messagingKeys: entry.messagingKeys, messagingValidity: validity)
        }
        self.keys = keys
    }

    /// The keys' properties, as if they were this hierarchy's own.
    subscript<T>(dynamicMember keyPath: KeyPath<TestKeyHierarchy, T>) -> T { keys[keyPath: keyPath] }

    /// The journalist `id`, if there is one.
    func journalist(_ id: String) -> TestKeyHierarchy.Journalist? { keys.journalist(id) }

    /// Visible profiles of every journalist.
    func profiles() throws -> [JournalistProfile] {
        try keys.journalists.map { journalist in
            try JournalistProfile(
                id: journalist.id, displayName: journalist.id.capitalized, sortName: journalist.id,
                description: "Reporter", isDesk: false, status: "VISIBLE")
        }
    }

    /// The body of `GET /v1/public-keys` for this hierarchy, with every profile and the first journalist as default.
    func response() throws -> PublicKeysResponse {
        keys.response(maxEpoch: 1, profiles: try profiles(), defaultJournalistId: keys.journalists.first?.id)
    }

    /// A signed user dead drop of `count` messages: `replies` first, then fillers.
    func userDeadDrop(replies: [[UInt8]], count: Int = 20, createdAt: Timestamp) throws -> DeadDrop {
        try CoverNodeStandIn(keys).userDeadDrop(replies: replies, count: count, createdAt: createdAt)
    }
}
