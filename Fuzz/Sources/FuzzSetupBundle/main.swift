import Foundation
import FuzzSupport
import TiplineCore

/// Setup bundles, as `tipline journalist init` and the CoverNode read them: parse, restore the key pair, verify the
/// trust anchors and the bundled forms against the fixture hierarchy. Selector bit 0: journalist (0), CoverNode (1).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let (selector, payload) = FuzzEntry.split(FuzzEntry.bytes(start, count))
    let decoder = JSONDecoder()
    if selector & 1 == 0 {
        guard let bundle = try? decoder.decode(JournalistSetupBundle.self, from: Data(payload)) else { return 0 }
        anchors(bundle.trustAnchors)
        _ = try? bundle.identityKeyPair.signingKeyPair(as: Role.JournalistIdentity.self)
        let provisioning = Fixtures.journalistProvisioningKey
        if let body = try? bundle.registerProfileForm.verify(signer: provisioning, policy: .ceremony, now: Fixtures.now)
        {
            _ = try? bundle.registerProfileForm.decodeBody(PostJournalistProfileBody.self, from: body)
        }
        if let body = try? bundle.uploadIdentityKeyForm.verify(
            signer: provisioning, policy: .ceremony, now: Fixtures.now)
        {
            _ = try? bundle.uploadIdentityKeyForm.decodeBody(PostJournalistIdentityKeyBody.self, from: body)
        }
    } else {
        guard let bundle = try? decoder.decode(CoverNodeSetupBundle.self, from: Data(payload)) else { return 0 }
        anchors(bundle.trustAnchors)
        _ = try? bundle.identityKeyPair.signingKeyPair(as: Role.CoverNodeIdentity.self)
        let provisioning = Fixtures.coverNodeProvisioningKey
        if let body = try? bundle.uploadIdentityKeyForm.verify(
            signer: provisioning, policy: .ceremony, now: Fixtures.now)
        {
            _ = try? bundle.uploadIdentityKeyForm.decodeBody(PostCoverNodeIdentityKeyBody.self, from: body)
        }
    }
    return 0
}

private func anchors(_ keys: [SignedPublicKeyJSON]) {
    for json in keys {
        guard let key = try? SignedPublicKey<SigningPublicKey<Role.Organization>>(json: json) else { continue }
        _ = key.isCertified(by: key.key, at: Fixtures.now, signerNotValidAfter: key.notValidAfter)
    }
}

@_cdecl("LLVMFuzzerInitialize")
public func initialize(_ argc: UnsafeMutableRawPointer?, _ argv: UnsafeMutableRawPointer?) -> CInt {
    FuzzEntry.writeSeedsIfRequested {
        let lifetime = SignedForm.bundleLifetime
        let journalist = JournalistSetupBundle(
            journalistId: Fixtures.journalistId, trustAnchors: [Fixtures.anchor.json],
            identityKeyPair: KeyPairJSON(Fixtures.journalistIdentity, certificate: Fixtures.journalistIdentityKey),
            registerProfileForm: try SignedForm.sign(
                PostJournalistProfileBody(
                    id: Fixtures.journalistId, displayName: "Alice", sortName: "alice", description: "Reporter",
                    isDesk: false, status: "VISIBLE"),
                with: Fixtures.journalistProvisioning, now: Fixtures.now, lifetime: lifetime),
            uploadIdentityKeyForm: try SignedForm.sign(
                PostJournalistIdentityKeyBody(
                    journalistId: Fixtures.journalistId, journalistIdPk: Fixtures.journalistIdentityKey.json),
                with: Fixtures.journalistProvisioning, now: Fixtures.now, lifetime: lifetime))
        let coverNode = CoverNodeSetupBundle(
            covernodeId: Fixtures.coverNodeId, trustAnchors: [Fixtures.anchor.json],
            identityKeyPair: KeyPairJSON(Fixtures.coverNodeIdentity, certificate: Fixtures.coverNodeIdentityKey),
            uploadIdentityKeyForm: try SignedForm.sign(
                PostCoverNodeIdentityKeyBody(
                    covernodeId: Fixtures.coverNodeId, covernodeIdPk: Fixtures.coverNodeIdentityKey.json),
                with: Fixtures.coverNodeProvisioning, now: Fixtures.now, lifetime: lifetime))
        return [
            "journalist-bundle": FuzzEntry.seed(0, FuzzEntry.json(journalist)),
            "covernode-bundle": FuzzEntry.seed(1, FuzzEntry.json(coverNode)),
        ]
    }
    return 0
}

/// SwiftPM links a debug executable with `main` = `FuzzSetupBundle_main`: hand over to libFuzzer's driver.
@_cdecl("FuzzSetupBundle_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    FuzzEntry.runDriver(argc, argv, fuzzOne)
}
