/// The one error type of `TiplineJournalist`.
///
/// Messages say what went wrong and what to do; they never contain passphrases, key material, message text or
/// recipient tags.
public struct JournalistError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A stable, machine-readable category of failure.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private let name: String
        private init(_ name: String) { self.name = name }

        /// The passphrase does not open the vault (or the file was tampered with).
        public static let wrongPassphrase = Code("wrongPassphrase")
        /// Another process holds the vault open.
        public static let vaultLocked = Code("vaultLocked")
        /// There is no vault at the given path.
        public static let vaultNotFound = Code("vaultNotFound")
        /// A vault already exists at the given path.
        public static let vaultExists = Code("vaultExists")
        /// The file is not a Tipline vault, or its header is damaged.
        public static let vaultCorrupt = Code("vaultCorrupt")
        /// Reading or writing a file failed (full disk, permissions, ...).
        public static let io = Code("io")
        /// A setup bundle could not be read or is inconsistent.
        public static let invalidSetupBundle = Code("invalidSetupBundle")
        /// The vault has not been registered with the API yet.
        public static let notOnboarded = Code("notOnboarded")
        /// A key the operation needs is missing or expired.
        public static let missingKey = Code("missingKey")
        /// No source matches what was asked for, or several do.
        public static let unknownSource = Code("unknownSource")
        /// The input is not acceptable (message too long, bad journalist id, weak passphrase, ...).
        public static let invalidInput = Code("invalidInput")
        /// The API's published keys did not verify against the vault's trust anchors.
        public static let untrustedKeys = Code("untrustedKeys")

        public var description: String { name }
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

    public var description: String { message }
}
