import TiplineCore
import TiplineStorage

/// Turns the stored keys into CoverDrop's published hierarchy (`spec/PROTOCOL.md` §4.4): each organisation key
/// with the provisioning keys it signed, their identity keys by owner, and the messaging keys of each identity.
///
/// Keys are placed by the parent recorded at upload; ordering follows insertion, so equal stores give equal bytes.
enum PublishedHierarchy {
    static func families(_ keys: [PublishedKey]) -> [PublicKeysResponse.OrganizationFamily] {
        let children = Dictionary(
            grouping: keys.filter { $0.parentKeyHex != nil }, by: { ChildKey(parent: $0.parentKeyHex, role: $0.role) })
        func under(_ parent: PublishedKey, _ role: PublishedKeyRole) -> [PublishedKey] {
            children[ChildKey(parent: parent.keyHex, role: role)] ?? []
        }
        func identities(
            under parent: PublishedKey, _ role: PublishedKeyRole, messaging: PublishedKeyRole
        )
            -> [String: [PublicKeysResponse.IdentityFamily]]
        {
            Dictionary(grouping: under(parent, role), by: { $0.ownerId ?? "" }).mapValues { ids in
                ids.map { .init(idPk: $0.json, msgPks: under($0, messaging).map(\.json)) }
            }
        }
        return keys.filter { $0.role == .organization }.map { org in
            let backups = under(org, .backupIdentity).map {
                PublicKeysResponse.IdentityFamily(idPk: $0.json, msgPks: under($0, .backupMessaging).map(\.json))
            }
            return PublicKeysResponse.OrganizationFamily(
                orgPk: org.json,
                covernodes: under(org, .coverNodeProvisioning).map {
                    .init(
                        provisioningPk: $0.json,
                        covernodes: identities(under: $0, .coverNodeIdentity, messaging: .coverNodeMessaging))
                },
                journalists: under(org, .journalistProvisioning).map {
                    .init(
                        provisioningPk: $0.json,
                        journalists: identities(under: $0, .journalistIdentity, messaging: .journalistMessaging))
                },
                backup: backups.isEmpty ? nil : backups)
        }
    }

    private struct ChildKey: Hashable {
        let parent: String?
        let role: PublishedKeyRole
    }
}
