import TiplineCore
import TiplineStorage

/// The key hierarchy as the API sees it at one instant: what is stored, and what of it verifies against the
/// trust anchors now.
struct KeyView: Sendable {
    /// Every stored key and the epoch counter, read atomically.
    let snapshot: PublishedKeysSnapshot
    /// The published hierarchy built from ``snapshot`` (without profiles).
    let families: [PublicKeysResponse.OrganizationFamily]
    /// What of ``families`` verifies.
    let verified: VerifiedKeys
    /// Stored admin keys whose certificate verifies against a verified organisation key. (Admin keys are not part
    /// of the published hierarchy; CoverDrop keeps them in their own table.)
    let adminKeys: [SignedPublicKey<SigningPublicKey<Role.Admin>>]
    /// The instant of verification.
    let now: Timestamp

    static func load(
        store: any TiplineStore, anchors: [SignedPublicKey<SigningPublicKey<Role.Organization>>], now: Timestamp
    ) async throws -> KeyView {
        let snapshot = try await store.keysSnapshot()
        let families = PublishedHierarchy.families(snapshot.keys)
        let response = PublicKeysResponse(
            journalistProfiles: [], defaultJournalistId: nil, keys: families, maxEpoch: snapshot.maxEpoch)
        let verified = VerifiedKeys(response, trustAnchors: anchors, now: now)
        let adminKeys = snapshot.keys.filter { $0.role == .admin }.compactMap { row in
            try? SignedPublicKey<SigningPublicKey<Role.Admin>>(json: row.json)
        }.filter { key in
            verified.organizationKeys.contains {
                key.isCertified(by: $0.key, at: now, signerNotValidAfter: $0.notValidAfter)
            }
        }
        return KeyView(snapshot: snapshot, families: families, verified: verified, adminKeys: adminKeys, now: now)
    }

    /// The same verification at a later instant (valid only while no stored key expires in between; see
    /// ``VerifiedHierarchyCache``).
    func at(_ instant: Timestamp) -> KeyView {
        KeyView(snapshot: snapshot, families: families, verified: verified, adminKeys: adminKeys, now: instant)
    }

    /// Whether any stored key has these bytes (to tell an expired or untrusted signer from an unknown one).
    func isStored(_ key: [UInt8]) -> Bool {
        let hex = Hex.encode(key)
        return snapshot.keys.contains { $0.keyHex == hex }
    }

    /// The first of `signers` (unexpired, verified) that certified `key`.
    func certifier<K: PublicKeyProtocol, R>(
        of key: SignedPublicKey<K>, among signers: [SignedPublicKey<SigningPublicKey<R>>]
    ) -> SignedPublicKey<SigningPublicKey<R>>? {
        signers.first { key.isCertified(by: $0.key, at: now, signerNotValidAfter: $0.notValidAfter) }
    }

    /// Whether a journalist with this id has a verified identity key.
    func hasJournalist(_ id: String) -> Bool { !verified.identityKeys(forJournalist: id).isEmpty }
}
