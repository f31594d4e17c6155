import Foundation
import TiplineAPIClient
import TiplineAdmin
import TiplineCore
import TiplineJournalist

/// The demo's journalists: created by the key ceremony, onboarded from their setup bundles into real vaults.
struct DemoNewsroom {
    let journalists: [String: JournalistClient]

    static let profiles = [
        PostJournalistProfileBody(
            id: "alice_reporter", displayName: "Alice Reporter", sortName: "Reporter, Alice",
            description: "Investigations", isDesk: false, status: "VISIBLE"),
        PostJournalistProfileBody(
            id: "news_desk", displayName: "News Desk", sortName: "News Desk",
            description: "The newsroom's duty editors, around the clock", isDesk: true, status: "VISIBLE"),
    ]

    /// Creates each journalist's bundle with the ceremony in `keys`, a vault from it, and registers with the API.
    static func onboard(keys: String, workspace: URL, api: APIClient) async throws -> DemoNewsroom {
        let ceremony = KeyCeremony(keys: try KeyDirectory(path: keys))
        var configuration = JournalistConfiguration()
        configuration.keysMaxAge = .seconds(1)
        var journalists: [String: JournalistClient] = [:]
        for profile in profiles {
            let bundleName = "\(profile.id)-bundle.json"
            try KeyDirectory(path: workspace.path).write(
                JSONEncoder().encode(try ceremony.createJournalist(profile)), to: bundleName)
            let bundlePath = workspace.appendingPathComponent(bundleName).path
            let vault = try JournalistSetup.createVault(
                bundlePath: bundlePath, vaultPath: workspace.appendingPathComponent("\(profile.id).vault").path,
                passphrase: "demo passphrase for \(profile.id)", kdf: .testOnly, now: SystemWallClock().now())
            let client = JournalistClient(vault: vault, api: api, configuration: configuration)
            try await client.completeSetup()
            journalists[profile.id] = client
        }
        return DemoNewsroom(journalists: journalists)
    }
}
