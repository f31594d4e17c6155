/// The one error type thrown by `TiplineClient`.
///
/// Messages say what went wrong in words a reader-app UI can show or map; they never contain passphrases,
/// key material, message text, recipient tags or anything read from the vault.
public struct ClientError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A stable, machine-readable category of failure.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String, Hashable, Sendable {
            case invalidConfiguration, notStarted, keysUnavailable, invalidPassphrase, passphraseRejected, locked
            case messageTooLong, queueFull, unknownRecipient, network, storage, corruptVault, wordListInvalid
        }
        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// The configuration is unsafe or inconsistent (for example production without caching).
        public static let invalidConfiguration = Code(.invalidConfiguration)
        /// ``ReaderClient/start()`` has not completed yet (no verified keys so far).
        public static let notStarted = Code(.notStarted)
        /// No verified public keys are available (offline first start, or nothing verifies).
        public static let keysUnavailable = Code(.keysUnavailable)
        /// The typed passphrase is malformed: wrong word count, a word not in the list, or other characters.
        /// Raised before any key derivation runs.
        public static let invalidPassphrase = Code(.invalidPassphrase)
        /// The passphrase does not open the vault. Deliberately the same for "wrong passphrase" and "this app was
        /// never used", after the same amount of work.
        public static let passphraseRejected = Code(.passphraseRejected)
        /// The operation needs an open session.
        public static let locked = Code(.locked)
        /// The text does not fit into one message once compressed.
        public static let messageTooLong = Code(.messageTooLong)
        /// Every slot of the sending queue already holds a real message.
        public static let queueFull = Code(.queueFull)
        /// The recipient has no verified messaging key.
        public static let unknownRecipient = Code(.unknownRecipient)
        /// A request failed or the server answered with an error.
        public static let network = Code(.network)
        /// A state file could not be read or written.
        public static let storage = Code(.storage)
        /// The vault opened but its content is malformed.
        public static let corruptVault = Code(.corruptVault)
        /// The bundled word list is missing or altered.
        public static let wordListInvalid = Code(.wordListInvalid)

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
