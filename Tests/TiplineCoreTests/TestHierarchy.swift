import TiplineCore
import TiplineTestSupport

/// Key hierarchies for the core tests: CoverDrop's key files, or freshly generated.
enum TestHierarchy {
    /// A fresh hierarchy without journalists, valid from a fixed time.
    static func fresh() throws -> TestKeyHierarchy { try TestKeyHierarchy(now: Timestamp(seconds: 1_900_000_000)) }

    /// CoverDrop's integration-test key files as a published hierarchy.
    static func fromKeyFiles() throws -> PublicKeysResponse {
        func json(_ name: String) throws -> SignedPublicKeyJSON {
            guard case .signed(let key) = try Fixtures.keyPair(name).publicKey else {
                throw TiplineCoreError(.notFound, name)
            }
            return key
        }
        return PublicKeysResponse(
            journalistProfiles: [], defaultJournalistId: nil,
            keys: [
                .init(
                    orgPk: try json("organization-865c61fb"),
                    covernodes: [
                        .init(
                            provisioningPk: try json("covernode_provisioning-382c1d30"),
                            covernodes: [
                                "covernode_001": [
                                    .init(
                                        idPk: try json("covernode_id-b58cb550"),
                                        msgPks: [try json("covernode_msg-651c62fe")])
                                ]
                            ])
                    ],
                    journalists: [
                        .init(
                            provisioningPk: try json("journalist_provisioning-82e41c91"),
                            journalists: [
                                "journalist_0": [
                                    .init(
                                        idPk: try json("journalist_id-5cbdb77b"),
                                        msgPks: [try json("journalist_msg-5f092056")])
                                ]
                            ])
                    ],
                    backup: [.init(idPk: try json("backup_id-b2957752"), msgPks: [try json("backup_msg-9bcc1fb6")])])
            ], maxEpoch: 9)
    }
}
