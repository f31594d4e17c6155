import Foundation
package import TiplineCore

/// The whole ceremony in one call, for `tipline serve` and the demo: organisation, provisioning and admin keys,
/// and one CoverNode. These are development keys: they live unencrypted next to the data.
package enum DevelopmentCeremony {
    /// Creates every key in `keys` (which must be empty) and returns the CoverNode's setup bundle.
    package static func run(
        in keys: KeyDirectory, clock: any WallClock, coverNodeId: String = "covernode_001"
    ) throws
        -> CoverNodeSetupBundle
    {
        let ceremony = KeyCeremony(keys: keys, clock: clock)
        try ceremony.createOrganization()
        try ceremony.createOrganizationChild(Role.CoverNodeProvisioning.self)
        try ceremony.createOrganizationChild(Role.JournalistProvisioning.self)
        try ceremony.createOrganizationChild(Role.Admin.self)
        return try ceremony.createCoverNode(id: coverNodeId)
    }
}
