package import TiplineCore

/// A user dead drop whose signature verified against a CoverNode identity key, with its server id.
package struct VerifiedDeadDrop: Sendable {
    /// The API's id (increasing).
    package let id: Int32
    /// The dead drop.
    package let deadDrop: DeadDrop

    /// Verifies `json` as a user dead drop signed by any of `keys`' CoverNode identity keys; see
    /// ``init(_:identityKeys:now:)``.
    package init?(_ json: DeadDropJSON, keys: VerifiedKeys, now: Timestamp) {
        self.init(json, identityKeys: keys.allCoverNodeIdentityKeys, now: now)
    }

    /// Verifies `json` as a user dead drop signed by one of `identityKeys` that was valid at the dead drop's
    /// `created_at` (so that it stays verifiable after that key expired), dated no more than 7 days after `now`
    /// (CoverDrop's clock-skew guard). `nil` when anything fails.
    package init?(
        _ json: DeadDropJSON, identityKeys: [SignedPublicKey<SigningPublicKey<Role.CoverNodeIdentity>>],
        now: Timestamp
    ) {
        guard let id = json.id, let drop = try? json.deadDrop(kind: .user),
            drop.createdAt.duration(since: now) <= DeadDrop.maxClockSkew,
            drop.isSigned(byAnyOf: identityKeys, at: drop.createdAt)
        else { return nil }
        self.id = id
        deadDrop = drop
    }

    /// Wraps an already verified dead drop (for benchmarks and tools that verified it themselves).
    package init(id: Int32, verified deadDrop: DeadDrop) {
        self.id = id
        self.deadDrop = deadDrop
    }
}
