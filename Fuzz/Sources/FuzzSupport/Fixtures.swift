import Foundation
public import TiplineCore

/// A complete, deterministic key hierarchy (fixed seeds, fixed `now`), so that seed corpora sealed or signed with
/// these keys stay valid across runs and machines.
public enum Fixtures {
    /// The instant every verification uses.
    public static let now = Timestamp(seconds: 1_900_000_000)
    /// The journalist of the hierarchy.
    public static let journalistId = "alice"
    /// The CoverNode of the hierarchy.
    public static let coverNodeId = "covernode_001"

    public static let organization = signing(Role.Organization.self, 1)
    public static let coverNodeProvisioning = signing(Role.CoverNodeProvisioning.self, 2)
    public static let coverNodeIdentity = signing(Role.CoverNodeIdentity.self, 3)
    public static let coverNodeMessaging = encryption(Role.CoverNodeMessaging.self, 4)
    public static let coverNodeMessaging2 = encryption(Role.CoverNodeMessaging.self, 5)
    public static let journalistProvisioning = signing(Role.JournalistProvisioning.self, 6)
    public static let journalistIdentity = signing(Role.JournalistIdentity.self, 7)
    public static let journalistMessaging = encryption(Role.JournalistMessaging.self, 8)
    public static let user = encryption(Role.User.self, 9)

    private static let expiry = now.adding(.seconds(90 * 86_400))

    public static let anchor = certified(organization.publicKey, by: organization)
    public static let coverNodeProvisioningKey = certified(coverNodeProvisioning.publicKey, by: organization)
    public static let coverNodeIdentityKey = certified(coverNodeIdentity.publicKey, by: coverNodeProvisioning)
    public static let coverNodeMessagingKey = certified(coverNodeMessaging.publicKey, by: coverNodeIdentity)
    public static let coverNodeMessagingKey2 = certified(coverNodeMessaging2.publicKey, by: coverNodeIdentity)
    public static let journalistProvisioningKey = certified(journalistProvisioning.publicKey, by: organization)
    public static let journalistIdentityKey = certified(journalistIdentity.publicKey, by: journalistProvisioning)
    public static let journalistMessagingKey = certified(journalistMessaging.publicKey, by: journalistIdentity)

    /// `GET /v1/public-keys` of this hierarchy.
    public static let publicKeys = PublicKeysResponse(
        journalistProfiles: [profile],
        defaultJournalistId: journalistId,
        keys: [
            .init(
                orgPk: anchor.json,
                covernodes: [
                    .init(
                        provisioningPk: coverNodeProvisioningKey.json,
                        covernodes: [
                            coverNodeId: [
                                .init(
                                    idPk: coverNodeIdentityKey.json,
                                    msgPks: [coverNodeMessagingKey.json, coverNodeMessagingKey2.json])
                            ]
                        ])
                ],
                journalists: [
                    .init(
                        provisioningPk: journalistProvisioningKey.json,
                        journalists: [
                            journalistId: [
                                .init(idPk: journalistIdentityKey.json, msgPks: [journalistMessagingKey.json])
                            ]
                        ])
                ])
        ],
        maxEpoch: 9)

    /// ``publicKeys``, verified at ``now``.
    public static let verifiedKeys = VerifiedKeys(publicKeys, trustAnchors: [anchor], now: now)

    /// The journalist's profile.
    public static let profile = fixture {
        try JournalistProfile(
            id: journalistId, displayName: "Alice", sortName: "alice", description: "Reporter", isDesk: false,
            status: "VISIBLE")
    }

    /// The CoverNode messaging keys readers and journalists seal to.
    public static var coverNodeKeys: [EncryptionPublicKey<Role.CoverNodeMessaging>] {
        [coverNodeMessaging.publicKey, coverNodeMessaging2.publicKey]
    }

    /// Runs fixture set-up that cannot fail with these constant inputs; a failure is a broken harness.
    public static func fixture<T>(_ make: () throws -> T) -> T {
        do { return try make() } catch { fatalError("fuzz fixture: \(error)") }
    }

    private static func signing<R>(_: R.Type, _ byte: UInt8) -> SigningKeyPair<R> {
        fixture { try SigningKeyPair<R>(seed: [UInt8](repeating: byte, count: 32)) }
    }

    private static func encryption<R>(_: R.Type, _ byte: UInt8) -> EncryptionKeyPair<R> {
        fixture { try EncryptionKeyPair<R>(secretKey: [UInt8](repeating: byte, count: 32)) }
    }

    private static func certified<K: PublicKeyProtocol, S>(_ key: K, by signer: SigningKeyPair<S>) -> SignedPublicKey<K>
    {
        fixture { try signer.certify(key, notValidAfter: expiry) }
    }
}
