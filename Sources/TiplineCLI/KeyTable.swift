import TiplineCore

/// Renders verified keys as an aligned text table: role, owner, key, expiry.
enum KeyTable {
    struct Row: Equatable {
        var role: String
        var owner: String
        var key: String
        var notValidAfter: String
    }

    static func rows(of keys: VerifiedKeys) -> [Row] {
        func row<K: PublicKeyProtocol>(_ role: String, _ owner: String, _ key: SignedPublicKey<K>) -> Row {
            Row(role: role, owner: owner, key: key.key.hex, notValidAfter: key.notValidAfter.rfc3339)
        }
        var rows = keys.organizationKeys.map { row(Role.Organization.entityName, "-", $0) }
        rows += keys.coverNodeProvisioningKeys.map { row(Role.CoverNodeProvisioning.entityName, "-", $0) }
        for (id, identities) in keys.coverNodes.sorted(by: { $0.key < $1.key }) {
            for identity in identities {
                rows.append(row(Role.CoverNodeIdentity.entityName, id, identity.identityKey))
                rows += identity.messagingKeys.map { row(Role.CoverNodeMessaging.entityName, id, $0) }
            }
        }
        rows += keys.journalistProvisioningKeys.map { row(Role.JournalistProvisioning.entityName, "-", $0) }
        for (id, identities) in keys.journalists.sorted(by: { $0.key < $1.key }) {
            for identity in identities {
                rows.append(row(Role.JournalistIdentity.entityName, id, identity.identityKey))
                rows += identity.messagingKeys.map { row(Role.JournalistMessaging.entityName, id, $0) }
            }
        }
        for identity in keys.backups {
            rows.append(row(Role.BackupIdentity.entityName, "-", identity.identityKey))
            rows += identity.messagingKeys.map { row(Role.BackupMessaging.entityName, "-", $0) }
        }
        return rows
    }

    static func render(_ rows: [Row]) -> String {
        let header = Row(role: "ROLE", owner: "OWNER", key: "KEY", notValidAfter: "NOT VALID AFTER")
        let all = [header] + rows
        let roleWidth = all.map(\.role.count).max() ?? 0
        let ownerWidth = all.map(\.owner.count).max() ?? 0
        return all.map { row in
            [pad(row.role, roleWidth), pad(row.owner, ownerWidth), pad(row.key, 64), row.notValidAfter]
                .joined(separator: "  ")
        }.joined(separator: "\n")
    }

    private static func pad(_ text: String, _ width: Int) -> String {
        text + String(repeating: " ", count: max(0, width - text.count))
    }
}
