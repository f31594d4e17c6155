import Foundation
package import TiplineCore

/// A journalist's vault: one encrypted file holding keys, sources, messages, the outbound queue and the
/// dead-drop cursor (`spec/PROTOCOL.md` §8, done better: no plaintext on disk, no password file, atomic saves).
///
/// Every change goes through ``update(_:)``, which saves the whole vault atomically before the change becomes
/// visible: if the save fails (full disk, crash), the file and the in-memory state both stay as they were.
/// While open, the vault holds an exclusive lock so that a second process cannot open it.
package actor JournalistVault {
    /// Where the vault lives.
    package nonisolated let path: String
    private var lock: VaultLock?
    private var cipher: VaultCipher
    private(set) var contents: JournalistVaultContent

    /// Creates a new vault from a setup bundle. Fails if a file already exists at `path`.
    ///
    /// - Parameters:
    ///   - kdf: Argon2id parameters; keep the default outside tests.
    ///   - now: when the keys of the bundle are recorded as added.
    package init(
        creatingAt path: String, from bundle: JournalistSetupBundle, passphrase: String,
        kdf: PasswordKDF = .vault, now: Timestamp
    ) throws {
        try VaultPassphrase.validate(passphrase)
        let contents = try JournalistVaultContent(bundle: bundle, now: now)
        let lock = try VaultLock(vaultPath: path)
        guard !AtomicFile.exists(path) else {
            throw JournalistError(.vaultExists, "a vault already exists at \(path)")
        }
        let cipher = try VaultCipher.create(passphrase: passphrase, kdf: kdf)
        try Self.write(contents, with: cipher, to: path)
        self.path = path
        self.lock = lock
        self.cipher = cipher
        self.contents = contents
    }

    /// Opens an existing vault.
    /// - Throws: ``JournalistError`` with `.vaultNotFound`, `.vaultLocked`, `.wrongPassphrase` or `.vaultCorrupt`.
    package init(openingAt path: String, passphrase: String) throws {
        guard AtomicFile.exists(path) else { throw JournalistError(.vaultNotFound, "there is no vault at \(path)") }
        let lock = try VaultLock(vaultPath: path)
        AtomicFile.removeStaleTemporaries(of: path)
        let (cipher, padded) = try VaultCipher.unlock(AtomicFile.read(path), passphrase: passphrase)
        let contents: JournalistVaultContent
        do {
            contents = try JSONDecoder().decode(JournalistVaultContent.self, from: Data(VaultPadding.unpad(padded)))
        } catch {
            throw JournalistError(.vaultCorrupt, "the vault opened but its contents are unreadable")
        }
        guard contents.format <= JournalistVaultContent.currentFormat else {
            throw JournalistError(.vaultCorrupt, "this vault was written by a newer version of Tipline")
        }
        self.path = path
        self.lock = lock
        self.cipher = cipher
        self.contents = contents
    }

    /// The journalist or desk this vault belongs to.
    package var journalistId: String { contents.journalistId }

    /// How many times the vault has been saved.
    package var revision: UInt64 { contents.revision }

    /// Saves the vault again without changing its contents (a new nonce, the next revision).
    @discardableResult
    package func save() throws -> UInt64 {
        try update { _ in }
        return contents.revision
    }

    /// Changes the passphrase: a new random salt, a new key, the whole vault re-encrypted and saved atomically.
    package func changePassphrase(to newPassphrase: String, kdf: PasswordKDF? = nil) throws {
        try requireOpen()
        try VaultPassphrase.validate(newPassphrase)
        let newCipher = try VaultCipher.create(passphrase: newPassphrase, kdf: kdf ?? cipher.kdf)
        var next = contents
        next.revision += 1
        try Self.write(next, with: newCipher, to: path)
        cipher = newCipher
        contents = next
    }

    /// Releases the lock; the vault can no longer be read or changed through this object.
    package func close() { lock = nil }

    /// Reads from the contents.
    func read<T: Sendable>(_ body: @Sendable (JournalistVaultContent) throws -> T) throws -> T {
        try requireOpen()
        return try body(contents)
    }

    /// Changes the contents and saves them; the change is visible only once it is on disk.
    @discardableResult
    func update<T: Sendable>(_ body: @Sendable (inout JournalistVaultContent) throws -> T) throws -> T {
        try requireOpen()
        var next = contents
        let result = try body(&next)
        next.revision += 1
        try Self.write(next, with: cipher, to: path)
        contents = next
        return result
    }

    private func requireOpen() throws {
        guard lock != nil else { throw JournalistError(.io, "the vault has been closed") }
    }

    private static func write(_ contents: JournalistVaultContent, with cipher: VaultCipher, to path: String) throws {
        let json: Data
        do {
            json = try JSONEncoder().encode(contents)
        } catch {
            throw JournalistError(.io, "the vault's contents could not be serialized")
        }
        try AtomicFile.write(cipher.seal(VaultPadding.pad(Array(json))), to: path)
    }
}
