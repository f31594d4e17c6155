import Foundation
import TiplineAPIClient
import TiplineAdmin
import TiplineCore
import TiplineJournalist
import TiplineTestSupport

/// A real API on loopback over a SQLite file, with an organisation made by the admin's key ceremony, one CoverNode
/// (played by the test: it certifies a messaging key and signs dead drops) and a journalist vault made from a
/// setup bundle and registered with the API. The vault is closed again so that the desk can open it.
struct DeskDeployment: Sendable {
    static let passphrase = "correct horse battery staple"
    static let journalistId = "alice"

    let api: APIClient
    let clock: ManualWallClock
    let vaultPath: String
    let coverNode: CoverNodeStandIn
    let anchors: [SignedPublicKey<SigningPublicKey<Role.Organization>>]

    /// Runs `body` with a fresh deployment whose files (keys, database, vaults) are in `folder`, a fresh one unless
    /// given; everything is removed afterwards.
    static func run<T: Sendable>(
        in folder: TemporaryDirectory? = nil, _ body: (DeskDeployment) async throws -> T
    ) async throws -> T {
        let folder = try folder ?? TemporaryDirectory()
        let clock = ManualWallClock(start: SystemWallClock().now())
        let ceremony = KeyCeremony(keys: try KeyDirectory(path: folder.file("keys")), clock: clock)
        let anchor = try ceremony.createOrganization()
        try ceremony.createOrganizationChild(Role.CoverNodeProvisioning.self)
        try ceremony.createOrganizationChild(Role.JournalistProvisioning.self)
        try ceremony.createOrganizationChild(Role.Admin.self)
        return try await LoopbackAPI.run(in: folder, trustAnchors: [anchor], clock: clock) { loopback in
            let api = loopback.client
            let publisher = KeyPublisher(ceremony: ceremony, api: api)
            try await publisher.publishOrganizationChildren()
            try await publisher.setStatus("AVAILABLE", description: "All good")
            let coverNode = try await publishCoverNode(ceremony, api: api, now: clock.now())
            let vaultPath = folder.file("alice.vault")
            try await register(ceremony, vaultPath: vaultPath, api: api, clock: clock)
            return try await body(
                DeskDeployment(
                    api: api, clock: clock, vaultPath: vaultPath, coverNode: coverNode, anchors: [anchor]))
        }
    }

    /// Brings a CoverNode's identity and messaging keys online, as its first start does.
    private static func publishCoverNode(
        _ ceremony: KeyCeremony, api: APIClient, now: Timestamp
    ) async throws -> CoverNodeStandIn {
        let bundle = try ceremony.createCoverNode(id: "covernode_001")
        _ = try await api.submitKeyUpload(
            bundle.uploadIdentityKeyForm, to: "/v1/public-keys/covernode/identity-public-key")
        let (identity, _) = try bundle.identityKeyPair.signingKeyPair(as: Role.CoverNodeIdentity.self)
        let messaging = try EncryptionKeyPair<Role.CoverNodeMessaging>.generate()
        let certificate = try identity.certify(messaging.publicKey, notValidAfter: now.adding(KeyLifetimes.messaging))
        _ = try await api.submitKeyUpload(
            SignedForm.sign(certificate.json, with: identity, now: now),
            to: "/v1/public-keys/covernode/messaging-public-key")
        return CoverNodeStandIn(identity: identity, messaging: messaging)
    }

    /// Creates alice's vault from her setup bundle and registers it (profile, identity key, messaging key), and a
    /// second journalist, bob, to hand sources over to.
    private static func register(
        _ ceremony: KeyCeremony, vaultPath: String, api: APIClient, clock: ManualWallClock
    ) async throws {
        for (id, path) in [(journalistId, vaultPath), ("bob", vaultPath + ".bob")] {
            let bundle = try ceremony.createJournalist(
                PostJournalistProfileBody(
                    id: id, displayName: id.capitalized, sortName: id, description: "Reporter", isDesk: false,
                    status: "VISIBLE"))
            let vault = try JournalistVault(
                creatingAt: path, from: bundle, passphrase: passphrase, kdf: .testOnly, now: clock.now())
            try await JournalistClient(vault: vault, api: api, clock: clock).completeSetup()
            await vault.close()
        }
    }

    /// A reader writes to alice: the message goes through the CoverNode (played here) into a journalist dead drop.
    func sourceWrites(_ text: String, from reader: EncryptionKeyPair<Role.User>) async throws {
        let keys = VerifiedKeys(try await api.publicKeys(), trustAnchors: anchors, now: clock.now())
        let c2j = try coverNode.deliver(text, from: reader, to: Self.journalistId, keys: keys)
        try await api.publish(
            coverNode.journalistDeadDrop([c2j], size: 4, createdAt: clock.now(), epoch: keys.maxEpoch))
    }
}
