import Foundation
import TiplineCore

/// The vault file's encryption: Argon2id from the passphrase and a random salt, then a Secret Box
/// (XChaCha20-Poly1305) over the padded contents.
///
/// File layout: `"TPLVAULT" ‖ version(1) ‖ memory KiB (u32 BE) ‖ passes (u32 BE) ‖ salt(16) ‖ SecretBox`.
/// The header is not encrypted but is bound to the key: changing any byte of it yields another key and the box
/// no longer opens. The derived key stays in memory while the vault is open so saving costs no Argon2 run.
struct VaultCipher: Sendable {
    static let magic = Array("TPLVAULT".utf8)
    static let formatVersion: UInt8 = 1
    static let headerLength = magic.count + 1 + 4 + 4 + PasswordKDF.saltLength

    let kdf: PasswordKDF
    let salt: [UInt8]
    private let key: [UInt8]

    /// Derives a key for a new passphrase with a fresh random salt.
    static func create(passphrase: String, kdf: PasswordKDF) throws -> VaultCipher {
        let salt = SecureRandom.bytes(PasswordKDF.saltLength)
        return try VaultCipher(kdf: kdf, salt: salt, key: derive(passphrase, kdf: kdf, salt: salt))
    }

    /// Parses the header of `file`, derives the key from `passphrase` and decrypts the body.
    static func unlock(_ file: [UInt8], passphrase: String) throws -> (VaultCipher, [UInt8]) {
        guard file.count > headerLength, Array(file[0..<magic.count]) == magic else {
            throw JournalistError(.vaultCorrupt, "this file is not a Tipline journalist vault")
        }
        guard file[magic.count] == formatVersion else {
            throw JournalistError(.vaultCorrupt, "this vault was written by a newer version of Tipline")
        }
        let memory = Int(bigEndian(file, at: magic.count + 1))
        let passes = UInt64(bigEndian(file, at: magic.count + 5))
        let kdf = PasswordKDF(memoryKiB: memory, iterations: passes)
        guard kdf.hasAcceptedCost else { throw JournalistError(.vaultCorrupt, "the vault's header is damaged") }
        let salt = Array(file[(headerLength - PasswordKDF.saltLength)..<headerLength])
        let cipher = try VaultCipher(kdf: kdf, salt: salt, key: derive(passphrase, kdf: kdf, salt: salt))
        do {
            return (cipher, try SecretBox.open(Array(file[headerLength...]), key: cipher.key))
        } catch {
            throw JournalistError(.wrongPassphrase, "wrong passphrase (or the vault file was modified)")
        }
    }

    /// The whole file for `plaintext`, with a fresh nonce.
    func seal(_ plaintext: [UInt8]) throws -> [UInt8] {
        var header = Self.magic + [Self.formatVersion]
        header += Self.bigEndianBytes(UInt32(clamping: kdf.memoryKiB))
        header += Self.bigEndianBytes(UInt32(clamping: kdf.iterations))
        return try header + salt + SecretBox.seal(plaintext, key: key)
    }

    private static func derive(_ passphrase: String, kdf: PasswordKDF, salt: [UInt8]) throws -> [UInt8] {
        // NFC, so that the same passphrase typed on another keyboard or system gives the same bytes.
        try kdf.deriveKey(password: Array(passphrase.precomposedStringWithCanonicalMapping.utf8), salt: salt)
    }

    private static func bigEndian(_ bytes: [UInt8], at offset: Int) -> UInt32 {
        bytes[offset..<offset + 4].reduce(0) { $0 << 8 | UInt32($1) }
    }

    private static func bigEndianBytes(_ value: UInt32) -> [UInt8] {
        [UInt8(value >> 24), UInt8(value >> 16 & 0xff), UInt8(value >> 8 & 0xff), UInt8(value & 0xff)]
    }

    private init(kdf: PasswordKDF, salt: [UInt8], key: [UInt8]) {
        self.kdf = kdf
        self.salt = salt
        self.key = key
    }
}
