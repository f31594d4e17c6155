import Foundation
import FuzzSupport
import TiplineCore

/// Signed forms (`spec/PROTOCOL.md` §6.1) and the API's form bodies. Selector bit 0: parse a form and verify it
/// against every fixture signer, then decode its body as each form body type (0); or sign the payload as a body
/// with the fixture journalist identity key and require that the form's JSON parses and verifies back to it (1).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let (selector, payload) = FuzzEntry.split(FuzzEntry.bytes(start, count))
    if selector & 1 == 0 {
        guard let form = try? JSONDecoder().decode(SignedForm.self, from: Data(payload)) else { return 0 }
        for policy in [SignedForm.Policy.online, .ceremony] {
            _ = try? form.verify(signer: Fixtures.journalistIdentityKey, policy: policy, now: Fixtures.now)
            _ = try? form.verify(signer: Fixtures.journalistProvisioningKey, policy: policy, now: Fixtures.now)
            _ = try? form.verify(signer: Fixtures.coverNodeIdentityKey, policy: policy, now: Fixtures.now)
        }
        decodeBodies(form.body, form)
        _ = try? JSONEncoder().encode(form)
    } else {
        let signed = Fixtures.fixture {
            try SignedForm.sign(body: payload, with: Fixtures.journalistIdentity, now: Fixtures.now)
        }
        let json = Fixtures.fixture { try JSONEncoder().encode(signed) }
        let parsed = try? JSONDecoder().decode(SignedForm.self, from: json)
        FuzzEntry.require(parsed == signed, "form JSON round trip")
        let body = try? parsed?.verify(signer: Fixtures.journalistIdentityKey, policy: .online, now: Fixtures.now)
        FuzzEntry.require(body == payload, "a fresh form verifies")
        if let parsed { decodeBodies(payload, parsed) }
    }
    return 0
}

private func decodeBodies(_ body: [UInt8], _ form: SignedForm) {
    _ = try? form.decodeBody(PostJournalistProfileBody.self, from: body)
    _ = try? form.decodeBody(UpdateJournalistProfileBody.self, from: body)
    _ = try? form.decodeBody(UpdateJournalistStatusBody.self, from: body)
    _ = try? form.decodeBody(PostCoverNodeIdentityKeyBody.self, from: body)
    _ = try? form.decodeBody(PostJournalistIdentityKeyBody.self, from: body)
    _ = try? form.decodeBody(PostSystemStatusBody.self, from: body)
    _ = try? form.decodeBody(SignedPublicKeyJSON.self, from: body)
    _ = try? form.decodeBody(String.self, from: body)
    if let rotation = try? form.decodeBody(RotateJournalistIdentityKeyFormBody.self, from: body) {
        _ = try? rotation.form.verify(signer: Fixtures.journalistIdentityKey, policy: .online, now: Fixtures.now)
        if let inner = try? rotation.form.decodeBody(RotateJournalistIdentityKeyBody.self, from: rotation.form.body) {
            _ = try? SigningPublicKey<Role.JournalistIdentity>(hex: inner.newPk.key)
        }
    }
}

@_cdecl("LLVMFuzzerInitialize")
public func initialize(_ argc: UnsafeMutableRawPointer?, _ argv: UnsafeMutableRawPointer?) -> CInt {
    FuzzEntry.writeSeedsIfRequested {
        let identity = Fixtures.journalistIdentity
        let status = UpdateJournalistStatusBody(journalistId: Fixtures.journalistId, status: "HIDDEN_FROM_UI")
        let inner = try SignedForm.sign(
            RotateJournalistIdentityKeyBody(newPk: .init(key: Fixtures.user.publicKey.hex)), with: identity,
            now: Fixtures.now)
        let profile = PostJournalistProfileBody(
            id: "bob", displayName: "Bob", sortName: "bob", description: "Desk", isDesk: true, status: "VISIBLE")
        return [
            "status-form": FuzzEntry.seed(
                0, FuzzEntry.json(try SignedForm.sign(status, with: identity, now: Fixtures.now))),
            "rotation-form": FuzzEntry.seed(
                0,
                FuzzEntry.json(
                    try SignedForm.sign(
                        RotateJournalistIdentityKeyFormBody(form: inner), with: identity, now: Fixtures.now))),
            "profile-form": FuzzEntry.seed(
                0,
                FuzzEntry.json(
                    try SignedForm.sign(
                        profile, with: Fixtures.journalistProvisioning, now: Fixtures.now,
                        lifetime: SignedForm.bundleLifetime))),
            "body-status": FuzzEntry.seed(1, FuzzEntry.json(status)),
            "body-string": FuzzEntry.seed(1, FuzzEntry.json("alice")),
        ]
    }
    return 0
}

/// SwiftPM links a debug executable with `main` = `FuzzSignedForm_main`: hand over to libFuzzer's driver.
@_cdecl("FuzzSignedForm_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    FuzzEntry.runDriver(argc, argv, fuzzOne)
}
