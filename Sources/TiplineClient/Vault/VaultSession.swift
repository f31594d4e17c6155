import TiplineCore

/// An open vault: the derived key, its salt and the decrypted content. Lives only in memory, inside the client
/// actor, between unlock (or create) and lock.
struct VaultSession: Sendable {
    /// The Argon2id output; never written anywhere.
    var key: [UInt8]
    let salt: [UInt8]
    var content: ReaderVaultContent

    /// Derives the key for `passphrase` and `salt`. The full KDF always runs.
    static func deriveKey(_ passphrase: Passphrase, salt: [UInt8], kdf: PasswordKDF) throws -> [UInt8] {
        do {
            return try kdf.deriveKey(password: Array(passphrase.normalized.utf8), salt: salt)
        } catch {
            throw ClientError(.storage, "the key derivation could not run (out of memory?)")
        }
    }

    /// A new vault under `passphrase` with a fresh salt and a fresh identity.
    static func create(_ passphrase: Passphrase, kdf: PasswordKDF) throws -> VaultSession {
        let salt = SecureRandom.bytes(SealedVault.saltLength)
        return VaultSession(key: try deriveKey(passphrase, salt: salt, kdf: kdf), salt: salt, content: try .fresh())
    }

    /// A session under a random key, with a fresh identity and no passphrase: what a locked client encrypts at each
    /// checkpoint in the place of an open session's content, so that both do the same work. Its output is dropped.
    static func decoy() throws -> VaultSession {
        VaultSession(
            key: SecureRandom.bytes(SecretBox.keyLength), salt: SecureRandom.bytes(SealedVault.saltLength),
            content: try .fresh())
    }

    /// Opens `sealed`. Wrong passphrase, never-used vault and altered bytes give the same error after the same work.
    static func open(_ sealed: SealedVault, passphrase: Passphrase, kdf: PasswordKDF) throws -> VaultSession {
        let key = try deriveKey(passphrase, salt: sealed.salt, kdf: kdf)
        let content = try ReaderVaultContent(plaintext: sealed.open(key: key))
        return VaultSession(key: key, salt: sealed.salt, content: content)
    }

    /// The content encrypted with a fresh nonce, leaving out messages dated before `expiredBefore`.
    func seal(expiredBefore cutoff: Timestamp) throws -> SealedVault {
        try SealedVault.seal(content.serialized(expiredBefore: cutoff), key: key, salt: salt)
    }

    /// Overwrites the derived key, the reply secret key and the queue secret this value holds and drops the mailbox
    /// (copies made by the runtime cannot be reached; best effort).
    mutating func wipe() {
        Hashing.wipe(&key)
        content.wipe()
    }
}
