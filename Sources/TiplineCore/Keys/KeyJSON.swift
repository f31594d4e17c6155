/// `{"key": hex32, "certificate": hex64, "not_valid_after": RFC3339}`: a signed public key on the wire.
public struct SignedPublicKeyJSON: Codable, Hashable, Sendable {
    /// Key hex.
    public var key: String
    /// Certificate hex.
    public var certificate: String
    /// Expiry as RFC 3339.
    public var notValidAfter: String

    /// Creates the JSON form.
    public init(key: String, certificate: String, notValidAfter: String) {
        self.key = key
        self.certificate = certificate
        self.notValidAfter = notValidAfter
    }

    enum CodingKeys: String, CodingKey {
        case key, certificate
        case notValidAfter = "not_valid_after"
    }
}

/// `{"key": hex32}`: an unsigned public key (users, candidate identity keys).
public struct UnsignedPublicKeyJSON: Codable, Hashable, Sendable {
    /// Key hex.
    public var key: String
    /// Creates the JSON form.
    public init(key: String) { self.key = key }
}

/// A key-pair file, `{"public_key": {signed or unsigned}, "secret_key": hex32}` (`*.keypair.json`).
///
/// The secret is an X25519 scalar or an Ed25519 seed. Files holding secrets must be written with mode 0600.
public struct KeyPairJSON: Codable, Sendable {
    /// The public half, signed or not.
    public var publicKey: PublicKeyField
    /// Secret hex.
    public var secretKey: String

    /// Either form of public key.
    public enum PublicKeyField: Codable, Sendable, Hashable {
        /// A certified key.
        case signed(SignedPublicKeyJSON)
        /// A bare key.
        case unsigned(UnsignedPublicKeyJSON)

        /// Decodes a certified key when the JSON has its fields, a bare key otherwise.
        public init(from decoder: any Decoder) throws {
            if let signed = try? SignedPublicKeyJSON(from: decoder) {
                self = .signed(signed)
            } else {
                self = .unsigned(try UnsignedPublicKeyJSON(from: decoder))
            }
        }

        /// Encodes the key in its own form.
        public func encode(to encoder: any Encoder) throws {
            switch self {
            case .signed(let key): try key.encode(to: encoder)
            case .unsigned(let key): try key.encode(to: encoder)
            }
        }

        /// The key hex in either form.
        public var keyHex: String {
            switch self {
            case .signed(let key): key.key
            case .unsigned(let key): key.key
            }
        }
    }

    /// Creates a key-pair file.
    public init(publicKey: PublicKeyField, secretKey: String) {
        self.publicKey = publicKey
        self.secretKey = secretKey
    }

    enum CodingKeys: String, CodingKey {
        case publicKey = "public_key"
        case secretKey = "secret_key"
    }

    /// CoverDrop's file name: `<entity_name>-<first 8 hex of the public key>.keypair.json`.
    public func fileName(entityName: String) -> String {
        "\(entityName)-\(publicKey.keyHex.prefix(8)).keypair.json"
    }
}

extension KeyPairJSON {
    /// The file of a certified signing key pair.
    public init<R>(_ pair: SigningKeyPair<R>, certificate: SignedPublicKey<SigningPublicKey<R>>) {
        self.init(publicKey: .signed(certificate.json), secretKey: Hex.encode(pair.seed))
    }

    /// The file of a certified encryption key pair.
    public init<R>(_ pair: EncryptionKeyPair<R>, certificate: SignedPublicKey<EncryptionPublicKey<R>>) {
        self.init(publicKey: .signed(certificate.json), secretKey: Hex.encode(pair.secretKeyBytes))
    }

    /// Restores a signing key pair and its certificate, checking that the secret matches the public key.
    public func signingKeyPair<R>(
        as role: R.Type = R.self
    ) throws -> (SigningKeyPair<R>, SignedPublicKey<SigningPublicKey<R>>?) {
        try restore(SigningKeyPair<R>.init(seed:), publicKey: \.publicKey)
    }

    /// Restores an encryption key pair and its certificate, checking that the secret matches the public key.
    public func encryptionKeyPair<R>(
        as role: R.Type = R.self
    ) throws -> (EncryptionKeyPair<R>, SignedPublicKey<EncryptionPublicKey<R>>?) {
        try restore(EncryptionKeyPair<R>.init(secretKey:), publicKey: \.publicKey)
    }

    /// Restores a key pair from the secret with `make` and its certificate, checking that the secret matches the
    /// public key.
    private func restore<Pair, Key: PublicKeyProtocol>(
        _ make: ([UInt8]) throws -> Pair, publicKey key: (Pair) -> Key
    ) throws -> (Pair, SignedPublicKey<Key>?) {
        let pair = try make(Hex.decode(secretKey))
        guard key(pair).hex == publicKey.keyHex.lowercased() else {
            throw TiplineCoreError(.invalidArgument, "the secret key does not match the public key")
        }
        if case .signed(let json) = publicKey { return (pair, try SignedPublicKey(json: json)) }
        return (pair, nil)
    }
}
