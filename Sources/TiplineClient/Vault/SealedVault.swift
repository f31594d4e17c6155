import TiplineCore

/// The vault file's bytes: `salt(16) ‖ XChaCha20-Poly1305(key, plaintext(512 KiB)) ‖ tag(16) ‖ nonce(24)`.
///
/// Exactly ``fileLength`` bytes for every installation, and nothing but a random salt, a random nonce and a
/// ciphertext: no version, mode, word count or date that could differ between a source and a non-user.
/// The key is Argon2id(normalised passphrase, salt) with the configured ``PasswordKDF``.
struct SealedVault: Hashable, Sendable {
    static let saltLength = PasswordKDF.saltLength
    static let fileLength = saltLength + ReaderVaultContent.plaintextLength + SecretBox.overhead

    let bytes: [UInt8]

    /// Wraps bytes read from disk.
    /// - Throws: ``ClientError`` with `.storage` when the length is wrong (a truncated or foreign file).
    init(fileBytes: [UInt8]) throws {
        guard fileBytes.count == Self.fileLength else {
            throw ClientError(.storage, "the vault file has the wrong size")
        }
        bytes = fileBytes
    }

    private init(trusted bytes: [UInt8]) { self.bytes = bytes }

    var salt: [UInt8] { Array(bytes.prefix(Self.saltLength)) }

    /// Encrypts `plaintext` under `key` with a fresh random nonce.
    static func seal(_ plaintext: [UInt8], key: [UInt8], salt: [UInt8]) throws -> SealedVault {
        SealedVault(trusted: salt + (try SecretBox.seal(plaintext, key: key)))
    }

    /// Decrypts with `key`.
    /// - Throws: ``ClientError`` with `.passphraseRejected` whatever the reason (wrong key or altered bytes).
    func open(key: [UInt8]) throws -> [UInt8] {
        guard let plaintext = try? SecretBox.open(Array(bytes.dropFirst(Self.saltLength)), key: key),
            plaintext.count == ReaderVaultContent.plaintextLength
        else { throw ClientError(.passphraseRejected, "the passphrase does not open this vault") }
        return plaintext
    }
}
