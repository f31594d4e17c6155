import Foundation
import FuzzSupport
import TiplineCore

@testable import TiplineClient

/// Key JSON and `GET /v1/public-keys` verification, as readers, journalists and the API parse them.
/// Selector % 4: a signed key (0), a key-pair file (1), a public-keys response verified against the fixture trust
/// anchor (2), a trust-anchor file (3).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let (selector, payload) = FuzzEntry.split(FuzzEntry.bytes(start, count))
    let data = Data(payload)
    let decoder = JSONDecoder()
    switch selector % 4 {
    case 0:
        guard let json = try? decoder.decode(SignedPublicKeyJSON.self, from: data) else { return 0 }
        if let key = try? SignedPublicKey<SigningPublicKey<Role.JournalistIdentity>>(json: json) {
            FuzzEntry.require((try? SignedPublicKey(json: key.json)) == key, "signed key JSON round trip")
            _ = key.isCertified(
                by: Fixtures.journalistProvisioning.publicKey, at: Fixtures.now, signerNotValidAfter: Fixtures.now)
            _ = key.key.humanReadableDigest
        }
        _ = try? SignedPublicKey<EncryptionPublicKey<Role.JournalistMessaging>>(json: json)
    case 1:
        guard let file = try? decoder.decode(KeyPairJSON.self, from: data) else { return 0 }
        _ = try? file.signingKeyPair(as: Role.JournalistIdentity.self)
        _ = try? file.encryptionKeyPair(as: Role.User.self)
        _ = file.fileName(entityName: "journalist_id")
    case 2:
        guard let response = try? decoder.decode(PublicKeysResponse.self, from: data) else { return 0 }
        let keys = VerifiedKeys(response, trustAnchors: [Fixtures.anchor], now: Fixtures.now)
        _ = keys.latestCoverNodeMessagingKeys
        _ = keys.allCoverNodeIdentityKeys
        for id in keys.journalists.keys {
            _ = keys.latestMessagingKey(forJournalist: id)
            _ = keys.identityKeys(forJournalist: id)
        }
        _ = Recipients(
            profiles: response.journalistProfiles, defaultJournalistId: response.defaultJournalistId, keys: keys)
        _ = try? JSONEncoder().encode(response)
    default:
        guard let anchors = try? decoder.decode([SignedPublicKeyJSON].self, from: data) else { return 0 }
        for json in anchors {
            guard let key = try? SignedPublicKey<SigningPublicKey<Role.Organization>>(json: json) else { continue }
            _ = key.isCertified(by: key.key, at: Fixtures.now, signerNotValidAfter: key.notValidAfter)
        }
    }
    return 0
}

@_cdecl("LLVMFuzzerInitialize")
public func initialize(_ argc: UnsafeMutableRawPointer?, _ argv: UnsafeMutableRawPointer?) -> CInt {
    FuzzEntry.writeSeedsIfRequested {
        [
            "signed-key": FuzzEntry.seed(0, FuzzEntry.json(Fixtures.journalistIdentityKey.json)),
            "keypair-signing": FuzzEntry.seed(
                1, FuzzEntry.json(KeyPairJSON(Fixtures.journalistIdentity, certificate: Fixtures.journalistIdentityKey))
            ),
            "keypair-encryption": FuzzEntry.seed(
                1,
                FuzzEntry.json(
                    KeyPairJSON(
                        publicKey: .unsigned(.init(key: Fixtures.user.publicKey.hex)),
                        secretKey: Hex.encode(Fixtures.user.secretKeyBytes)))),
            "public-keys": FuzzEntry.seed(2, FuzzEntry.json(Fixtures.publicKeys)),
            "trust-anchors": FuzzEntry.seed(3, FuzzEntry.json([Fixtures.anchor.json])),
        ]
    }
    return 0
}

/// SwiftPM links a debug executable with `main` = `FuzzKeys_main`: hand over to libFuzzer's driver.
@_cdecl("FuzzKeys_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    FuzzEntry.runDriver(argc, argv, fuzzOne)
}
