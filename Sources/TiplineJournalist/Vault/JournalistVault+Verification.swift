import TiplineCore

extension JournalistVault {
    /// Whether `passphrase` opens this vault, checked against the file on disk with the same Argon2id derivation
    /// as opening it (about half a second with the default parameters). Nothing is kept: neither the passphrase
    /// nor the derived key. The open vault is not touched, so this can run while the vault is in use; for
    /// screens that lock while the vault stays open (the desk UI).
    ///
    /// - Throws: ``JournalistError`` when the file cannot be read or is not a vault; a wrong passphrase is `false`.
    package nonisolated func verifyPassphrase(_ passphrase: String) throws -> Bool {
        do {
            _ = try VaultCipher.unlock(AtomicFile.read(path), passphrase: passphrase)
            return true
        } catch let error as JournalistError where error.code == .wrongPassphrase {
            return false
        }
    }
}
