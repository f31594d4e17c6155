/// A 32-byte public key of some role, as stored in certificates and JSON.
public protocol PublicKeyProtocol: Hashable, Sendable {
    /// The raw 32 key bytes.
    var bytes: [UInt8] { get }
    /// Wraps raw key bytes.
    /// - Throws: `TiplineCoreError` with `.invalidLength` unless there are exactly 32 bytes.
    init(bytes: [UInt8]) throws
}

extension PublicKeyProtocol {
    /// The key as lowercase hex.
    public var hex: String { Hex.encode(bytes) }

    /// Parses a key from hex (either case).
    public init(hex: String) throws { try self.init(bytes: Hex.decode(hex)) }
}

/// Length of every public and secret key in the protocol (X25519 and Ed25519).
public let keyLength = 32

/// An X25519 public key used for encryption, typed by its role.
///
/// Only keys a box can be sealed to exist: parsing refuses a non-canonical encoding (the little-endian integer is
/// not below 2^255 - 19, which includes every key with the top bit set; libsodium never makes one) and a point of
/// small order (libsodium's `crypto_scalarmult` refuses it). One such key in a published hierarchy would otherwise
/// make every seal to it fail.
public struct EncryptionPublicKey<R: KeyRole>: PublicKeyProtocol {
    /// The 32 key bytes.
    public let bytes: [UInt8]

    /// Wraps raw key bytes.
    /// - Throws: `TiplineCoreError` with `.invalidLength` unless there are exactly 32 bytes, and with `.invalidKey`
    ///   for a non-canonical encoding or a point of small order.
    public init(bytes: [UInt8]) throws {
        try requireLength(bytes.count, is: keyLength, "an X25519 public key")
        guard Self.isCanonical(bytes) else {
            throw TiplineCoreError(.invalidKey, "an X25519 public key must be encoded below 2^255 - 19")
        }
        guard try !Sodium.hasSmallOrder(bytes) else {
            throw TiplineCoreError(.invalidKey, "an X25519 public key must not be a point of small order")
        }
        self.bytes = bytes
    }

    /// Whether the little-endian integer in `bytes` (32 of them) is below p = 2^255 - 19, whose encoding is
    /// `ed ff … ff 7f`. A plain integer comparison, no curve arithmetic.
    private static func isCanonical(_ bytes: [UInt8]) -> Bool {
        if bytes[31] < 0x7f { return true }
        return bytes[31] == 0x7f && !(bytes[0] >= 0xed && bytes[1..<31].allSatisfy { $0 == 0xff })
    }

    init(unchecked bytes: [UInt8]) { self.bytes = bytes }
}

/// An Ed25519 public key used to verify signatures, typed by its role.
public struct SigningPublicKey<R: KeyRole>: PublicKeyProtocol {
    /// The 32 key bytes.
    public let bytes: [UInt8]

    /// Wraps raw key bytes.
    /// - Throws: `TiplineCoreError` with `.invalidLength` unless there are exactly 32 bytes.
    public init(bytes: [UInt8]) throws {
        try requireLength(bytes.count, is: keyLength, "an Ed25519 public key")
        self.bytes = bytes
    }

    /// Whether `signature` is a valid Ed25519 signature of `message` by this key.
    public func isValidSignature(_ signature: Signature, for message: [UInt8]) -> Bool {
        Sodium.verifyDetached(signature.bytes, message: message, publicKey: bytes)
    }

    init(unchecked bytes: [UInt8]) { self.bytes = bytes }
}
