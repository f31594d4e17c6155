import Foundation
import TiplineCore

/// Loads CoverDrop's vectors and key files copied into the test bundle.
enum Fixtures {
    static func bytes(_ path: String) throws -> [UInt8] {
        guard let url = Bundle.module.url(forResource: "Resources/" + path, withExtension: nil) else {
            throw TiplineCoreError(.notFound, "missing fixture \(path)")
        }
        return [UInt8](try Data(contentsOf: url))
    }

    static func text(_ path: String) throws -> String { String(decoding: try bytes(path), as: UTF8.self) }

    static func decode<T: Decodable>(_ type: T.Type, _ path: String) throws -> T {
        try JSONDecoder().decode(type, from: Data(bytes(path)))
    }

    static func keyPair(_ name: String) throws -> KeyPairJSON {
        try decode(KeyPairJSON.self, "keys/\(name).keypair.json")
    }

    static func signed<K: PublicKeyProtocol>(_ name: String, as: K.Type) throws -> SignedPublicKey<K> {
        guard case .signed(let json) = try keyPair(name).publicKey else {
            throw TiplineCoreError(.notFound, "\(name) is unsigned")
        }
        return try SignedPublicKey(json: json)
    }

    static func trustAnchors(_ stage: String) throws -> [SignedPublicKey<SigningPublicKey<Role.Organization>>] {
        try decode([SignedPublicKeyJSON].self, "trust-anchors/\(stage).json").map(SignedPublicKey.init(json:))
    }

    /// The key files were generated at 2025-11-27T16:25:13Z; some have expired since.
    static let keyFilesNow = try! Timestamp(rfc3339: "2025-11-28T00:00:00Z")
}
