/// The one error type thrown by `TiplineCore`.
///
/// Messages describe what was wrong with the input (a length, a format, a failed check) and never contain
/// key material, plaintext or ciphertext bytes.
public typealias TiplineCoreError = CodedError<TiplineCoreErrorDomain>

/// The domain of ``TiplineCoreError``: errors print as `code: message`.
public enum TiplineCoreErrorDomain: ErrorDomain {}

/// The codes of ``TiplineCoreError``.
extension ErrorCode where Domain == TiplineCoreErrorDomain {
    /// libsodium could not be initialised.
    public static var libraryUnavailable: Self { Self("libraryUnavailable") }
    /// A byte string had the wrong length.
    public static var invalidLength: Self { Self("invalidLength") }
    /// Hex, base64, JSON, UTF-8, gzip or a timestamp could not be decoded.
    public static var invalidEncoding: Self { Self("invalidEncoding") }
    /// A box did not open: wrong key or tampered bytes.
    public static var decryptionFailed: Self { Self("decryptionFailed") }
    /// libsodium refused to encrypt (for example a low-order public key).
    public static var encryptionFailed: Self { Self("encryptionFailed") }
    /// A signature or certificate did not verify.
    public static var invalidSignature: Self { Self("invalidSignature") }
    /// A key, form or message is past its validity.
    public static var expired: Self { Self("expired") }
    /// A form claims a creation time in the future.
    public static var notYetValid: Self { Self("notYetValid") }
    /// A key does not chain to a trusted anchor.
    public static var untrusted: Self { Self("untrusted") }
    /// A text does not fit into its fixed-size container.
    public static var tooLong: Self { Self("tooLong") }
    /// A decrypted message has an invalid structure.
    public static var invalidMessage: Self { Self("invalidMessage") }
    /// A caller passed an argument outside the allowed range.
    public static var invalidArgument: Self { Self("invalidArgument") }
    /// A signed form was presented a second time.
    public static var replayed: Self { Self("replayed") }
    /// A required key or record is missing.
    public static var notFound: Self { Self("notFound") }
    /// An X25519 public key is of small order or not canonically encoded: no box could be sealed to it.
    public static var invalidKey: Self { Self("invalidKey") }
}

/// Throws unless `count` is `expected`: the one length check of keys, signatures and message layers.
/// - Throws: ``TiplineCoreError`` with `.invalidLength`: "`what` is `expected` bytes, got `count`".
func requireLength(_ count: Int, is expected: Int, _ what: String) throws {
    guard count == expected else {
        throw TiplineCoreError(.invalidLength, "\(what) is \(expected) bytes, got \(count)")
    }
}
