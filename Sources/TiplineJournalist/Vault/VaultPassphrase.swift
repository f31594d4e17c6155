import TiplineCore

/// Rules for vault passphrases.
package enum VaultPassphrase {
    /// Fewest characters accepted for a new passphrase (five words of the EFF list are about 35).
    package static let minimumLength = 12

    /// Throws unless `passphrase` is acceptable for a new vault or a passphrase change.
    package static func validate(_ passphrase: String) throws {
        guard passphrase.count >= minimumLength else {
            throw JournalistError(
                .invalidInput,
                "a vault passphrase needs at least \(minimumLength) characters; five random words are best")
        }
    }
}
