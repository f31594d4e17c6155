import TiplineCore

/// Parsing and checking of uploaded keys: every uploaded key's own certificate must verify, now, against a
/// verified key of its parent role (which may differ from the form's signer after a parent rotation).
enum KeyUpload {
    /// The signed key in a form whose whole body is `{"key", "certificate", "not_valid_after"}`.
    static func parse<K: PublicKeyProtocol>(_ form: AuthenticatedForm, as type: K.Type) throws -> SignedPublicKey<K> {
        try key(form.decode(SignedPublicKeyJSON.self), as: type)
    }

    /// Parses a signed key's JSON; 400 for bad hex, lengths or timestamps.
    static func key<K: PublicKeyProtocol>(_ json: SignedPublicKeyJSON, as type: K.Type) throws -> SignedPublicKey<K> {
        do {
            return try SignedPublicKey<K>(json: json)
        } catch let error as TiplineCoreError {
            throw APIError(.badRequest, "invalid key: \(error.message)")
        }
    }

    /// The verified parent that certified `key`; 401 when none did (or the key has expired).
    static func certifier<K: PublicKeyProtocol, R>(
        of key: SignedPublicKey<K>, among signers: [SignedPublicKey<SigningPublicKey<R>>], in keys: KeyView
    ) throws -> SignedPublicKey<SigningPublicKey<R>> {
        guard let parent = keys.certifier(of: key, among: signers) else {
            throw APIError(
                .unauthorized,
                "the key's certificate does not verify against a current \(R.entityName) key, or the key has expired")
        }
        return parent
    }
}
