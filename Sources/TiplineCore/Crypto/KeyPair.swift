/// An X25519 key pair for encryption, typed by its role.
///
/// The secret is stored exactly as generated (32 bytes; clamping happens inside scalar multiplication), as
/// CoverDrop does.
public struct EncryptionKeyPair<R: KeyRole>: Sendable {
    /// The public half.
    public let publicKey: EncryptionPublicKey<R>
    /// The 32 secret bytes. Only for persisting the key (key files, vaults); never log them.
    public let secretKeyBytes: [UInt8]

    /// Generates a fresh key pair from the operating system's CSPRNG.
    public static func generate() throws -> Self {
        let (pk, sk) = try Sodium.boxKeyPair()
        return Self(publicKey: EncryptionPublicKey(unchecked: pk), secretKeyBytes: sk)
    }

    /// Restores a key pair from its secret, deriving the public key.
    /// - Throws: `TiplineCoreError` when the secret is not 32 bytes.
    public init(secretKey: [UInt8]) throws {
        let pk = try Sodium.scalarMultBase(secretKey)
        self.init(publicKey: EncryptionPublicKey(unchecked: pk), secretKeyBytes: secretKey)
    }

    private init(publicKey: EncryptionPublicKey<R>, secretKeyBytes: [UInt8]) {
        self.publicKey = publicKey
        self.secretKeyBytes = secretKeyBytes
    }
}

/// An Ed25519 key pair for signing, typed by its role. Persisted as its 32-byte seed.
public struct SigningKeyPair<R: KeyRole>: Sendable {
    /// The public half.
    public let publicKey: SigningPublicKey<R>
    /// The 32-byte seed. Only for persisting the key; never log it.
    public let seed: [UInt8]
    private let expandedSecretKey: [UInt8]

    /// Generates a fresh key pair from the operating system's CSPRNG.
    public static func generate() throws -> Self {
        try Self(seed: Sodium.randomBytes(Sodium.signSeedBytes))
    }

    /// Restores a key pair from its 32-byte seed.
    /// - Throws: `TiplineCoreError` when the seed is not 32 bytes.
    public init(seed: [UInt8]) throws {
        let (pk, sk) = try Sodium.signSeedKeyPair(seed: seed)
        self.publicKey = SigningPublicKey(unchecked: pk)
        self.seed = seed
        self.expandedSecretKey = sk
    }

    /// Signs `message` (deterministic Ed25519).
    public func sign(_ message: [UInt8]) throws -> Signature {
        try Signature(unchecked: Sodium.signDetached(message, secretKey: expandedSecretKey))
    }
}

/// A 64-byte Ed25519 signature.
public struct Signature: Hashable, Sendable {
    /// Signature length in bytes.
    public static let length = 64
    /// The raw signature bytes.
    public let bytes: [UInt8]

    /// Wraps signature bytes.
    /// - Throws: `TiplineCoreError` with `.invalidLength` unless there are exactly 64 bytes.
    public init(bytes: [UInt8]) throws {
        try requireLength(bytes.count, is: Self.length, "a signature")
        self.bytes = bytes
    }

    /// Parses a signature from hex.
    public init(hex: String) throws { try self.init(bytes: Hex.decode(hex)) }

    init(unchecked bytes: [UInt8]) { self.bytes = bytes }

    /// The signature as lowercase hex.
    public var hex: String { Hex.encode(bytes) }
}
