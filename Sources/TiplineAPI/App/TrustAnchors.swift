package import Foundation
package import TiplineCore

/// The organisation keys a deployment trusts: a JSON array of self-signed keys, as CoverDrop's
/// `trust-anchors/*.json` files.
package enum TrustAnchors {
    /// Reads and checks an anchor file: every key must parse and carry a valid self-signature.
    /// - Throws: ``APIError`` naming the file when it is unreadable, malformed or holds a bad key.
    package static func load(path: String) throws -> [SignedPublicKey<SigningPublicKey<Role.Organization>>] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw APIError(.badRequest, "cannot read the trust-anchor file \(path)")
        }
        return try parse(data, source: path)
    }

    /// Parses anchor JSON.
    package static func parse(
        _ data: Data, source: String = "trust anchors"
    ) throws
        -> [SignedPublicKey<SigningPublicKey<Role.Organization>>]
    {
        let keys: [SignedPublicKeyJSON]
        do {
            keys = try JSONDecoder().decode([SignedPublicKeyJSON].self, from: data)
        } catch {
            throw APIError(.badRequest, "\(source) is not a JSON array of signed public keys")
        }
        return try keys.enumerated().map { index, json in
            guard let key = try? SignedPublicKey<SigningPublicKey<Role.Organization>>(json: json),
                key.key.isValidSignature(key.certificate, for: key.certificateData)
            else { throw APIError(.badRequest, "key \(index) of \(source) is malformed or not self-signed") }
            return key
        }
    }
}
