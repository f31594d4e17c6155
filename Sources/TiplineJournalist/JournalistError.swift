/// The one error type of `TiplineJournalist`.
///
/// Messages say what went wrong and what to do; they never contain passphrases, key material, message text or
/// recipient tags.
package struct JournalistError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A stable, machine-readable category of failure.
    package struct Code: Hashable, Sendable, CustomStringConvertible {
        private let name: String
        private init(_ name: String) { self.name = name }

        /// The passphrase does not open the vault (or the file was tampered with).
        package static let wrongPassphrase = Code("wrongPassphrase")
        /// Another process holds the vault open.
        package static let vaultLocked = Code("vaultLocked")
        /// There is no vault at the given path.
        package static let vaultNotFound = Code("vaultNotFound")
        /// A vault already exists at the given path.
        package static let vaultExists = Code("vaultExists")
        /// The file is not a Tipline vault, or its header is damaged.
        package static let vaultCorrupt = Code("vaultCorrupt")
        /// Reading or writing a file failed (full disk, permissions, ...).
        package static let io = Code("io")
        /// A setup bundle could not be read or is inconsistent.
        package static let invalidSetupBundle = Code("invalidSetupBundle")
        /// The vault has not been registered with the API yet.
        package static let notOnboarded = Code("notOnboarded")
        /// A key the operation needs is missing or expired.
        package static let missingKey = Code("missingKey")
        /// No source matches what was asked for, or several do.
        package static let unknownSource = Code("unknownSource")
        /// The input is not acceptable (message too long, bad journalist id, weak passphrase, ...).
        package static let invalidInput = Code("invalidInput")
        /// The API's published keys did not verify against the vault's trust anchors.
        package static let untrustedKeys = Code("untrustedKeys")

        package var description: String { name }
    }

    /// The category of the failure.
    package let code: Code
    /// A human-readable explanation without secrets.
    package let message: String

    /// Creates an error.
    package init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    package var description: String { message }
}
