/// The role of a published key in the CoverDrop key hierarchy (`PROTOCOL.md` §4.1).
///
/// The raw values are the CoverDrop entity names and are what the stores persist.
package enum PublishedKeyRole: String, Sendable, Hashable, CaseIterable, Codable {
    case organization
    case coverNodeProvisioning = "covernode_provisioning"
    case coverNodeIdentity = "covernode_id"
    case coverNodeMessaging = "covernode_msg"
    case journalistProvisioning = "journalist_provisioning"
    case journalistIdentity = "journalist_id"
    case journalistMessaging = "journalist_msg"
    case admin
    case backupIdentity = "backup_id"
    case backupMessaging = "backup_msg"

    /// Whether inserting a key of this role assigns it an epoch (`PROTOCOL.md` §4.6).
    ///
    /// The seven roles of the organisation, CoverNode and journalist branches share one monotonic
    /// counter; admin and backup keys carry no epoch.
    package var isEpoched: Bool {
        switch self {
        case .organization, .coverNodeProvisioning, .coverNodeIdentity, .coverNodeMessaging,
            .journalistProvisioning, .journalistIdentity, .journalistMessaging:
            true
        case .admin, .backupIdentity, .backupMessaging:
            false
        }
    }

    /// Whether keys of this role belong to one CoverNode or journalist (and so need an owner id).
    package var requiresOwner: Bool {
        switch self {
        case .coverNodeIdentity, .coverNodeMessaging, .journalistIdentity, .journalistMessaging:
            true
        default:
            false
        }
    }
}
