/// The one error type thrown by `TiplineCore`.
///
/// Messages describe what was wrong with the input (a length, a format, a failed check) and never contain
/// key material, plaintext or ciphertext bytes.
public struct TiplineCoreError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A stable, machine-readable category of failure.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String, Hashable, Sendable {
            case libraryUnavailable, invalidLength, invalidEncoding, decryptionFailed, encryptionFailed
            case invalidSignature, expired, notYetValid, untrusted, tooLong, invalidMessage, invalidArgument
            case replayed, notFound, invalidKey
        }
        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// libsodium could not be initialised.
        public static let libraryUnavailable = Code(.libraryUnavailable)
        /// A byte string had the wrong length.
        public static let invalidLength = Code(.invalidLength)
        /// Hex, base64, JSON, UTF-8, gzip or a timestamp could not be decoded.
        public static let invalidEncoding = Code(.invalidEncoding)
        /// A box did not open: wrong key or tampered bytes.
        public static let decryptionFailed = Code(.decryptionFailed)
        /// libsodium refused to encrypt (for example a low-order public key).
        public static let encryptionFailed = Code(.encryptionFailed)
        /// A signature or certificate did not verify.
        public static let invalidSignature = Code(.invalidSignature)
        /// A key, form or message is past its validity.
        public static let expired = Code(.expired)
        /// A form claims a creation time in the future.
        public static let notYetValid = Code(.notYetValid)
        /// A key does not chain to a trusted anchor.
        public static let untrusted = Code(.untrusted)
        /// A text does not fit into its fixed-size container.
        public static let tooLong = Code(.tooLong)
        /// A decrypted message has an invalid structure.
        public static let invalidMessage = Code(.invalidMessage)
        /// A caller passed an argument outside the allowed range.
        public static let invalidArgument = Code(.invalidArgument)
        /// A signed form was presented a second time.
        public static let replayed = Code(.replayed)
        /// A required key or record is missing.
        public static let notFound = Code(.notFound)
        /// An X25519 public key is of small order or not canonically encoded: no box could be sealed to it.
        public static let invalidKey = Code(.invalidKey)

        /// The code's name, as it appears in messages and logs.
        public var description: String { base.rawValue }
    }

    /// The category of the failure.
    public let code: Code
    /// A human-readable explanation without secrets.
    public let message: String

    /// Creates an error.
    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    /// `code: message`.
    public var description: String { "\(code): \(message)" }
}
