import Foundation
package import TiplineCore

/// The CoverNode's keys at rest: one JSON envelope in the state directory holding a ``SecretBox`` of the key set,
/// replaced atomically on every change.
///
/// The box key comes either from a passphrase through Argon2id (``PasswordKDF``; the salt and cost are stored in
/// the envelope), or from a random 32-byte key file beside it (mode 0600) when no passphrase is configured. The
/// passphrase is the stronger choice: a copy of the state directory alone then reveals nothing.
package struct CoverNodeKeyStore: Sendable {
    /// Where the box key comes from.
    package enum Protection: Sendable {
        /// Argon2id of a passphrase (for example `TIPLINE_COVERNODE_PASSPHRASE`); `kdf` is used for a new store,
        /// an existing store keeps the cost it was created with.
        case passphrase(String, kdf: PasswordKDF)
        /// A random key in ``CoverNodeKeyStore/keyFileName``, created with mode 0600.
        case keyFile
    }

    private struct Envelope: Codable {
        struct KDF: Codable {
            var memoryKiB: Int
            var iterations: UInt64
            var salt: String

            enum CodingKeys: String, CodingKey {
                case memoryKiB = "memory_kib"
                case iterations, salt
            }
        }

        var version: Int
        var kdf: KDF?
        var box: String
    }

    /// The envelope's file name.
    package static let fileName = "covernode-keys.json"
    /// The key file's name (``Protection/keyFile`` only).
    package static let keyFileName = "covernode-keys.key"

    /// The state directory.
    package let directory: String
    private let boxKey: [UInt8]
    private let kdf: Envelope.KDF?

    private var path: String { directory + "/" + Self.fileName }

    /// Opens (creating the directory if needed) and derives the box key.
    /// - Throws: ``CoverNodeError`` with `.keyStore` when the protection does not match an existing store.
    package init(directory: String, protection: Protection) throws {
        try AtomicFile.createDirectory(directory)
        self.directory = directory
        let existing = try AtomicFile.read(directory + "/" + Self.fileName).map(Self.decodeEnvelope)
        switch protection {
        case .passphrase(let passphrase, let newKDF):
            guard !passphrase.isEmpty else { throw CoverNodeError(.keyStore, "the key-store passphrase is empty") }
            if let existing, existing.kdf == nil {
                throw CoverNodeError(.keyStore, "the key store is protected by a key file, not a passphrase")
            }
            let record =
                existing?.kdf
                ?? Envelope.KDF(
                    memoryKiB: newKDF.memoryKiB, iterations: newKDF.iterations,
                    salt: Base64.encodePadded(SecureRandom.bytes(PasswordKDF.saltLength)))
            kdf = record
            let recordKDF = PasswordKDF(memoryKiB: record.memoryKiB, iterations: record.iterations)
            guard recordKDF.hasAcceptedCost else {
                throw CoverNodeError(
                    .keyStore,
                    "the key store's Argon2id cost is out of range (memory \(PasswordKDF.acceptedMemoryKiB) KiB, "
                        + "passes \(PasswordKDF.acceptedIterations))")
            }
            do {
                boxKey = try recordKDF.deriveKey(password: Array(passphrase.utf8), salt: Base64.decode(record.salt))
            } catch {
                throw CoverNodeError(.keyStore, "cannot derive the key-store key: \(error)")
            }
        case .keyFile:
            if existing?.kdf != nil {
                throw CoverNodeError(
                    .keyStore, "the key store is protected by a passphrase; set TIPLINE_COVERNODE_PASSPHRASE")
            }
            kdf = nil
            let keyPath = directory + "/" + Self.keyFileName
            if let key = try AtomicFile.read(keyPath) {
                guard key.count == SecretBox.keyLength else {
                    throw CoverNodeError(.keyStore, "\(keyPath) is not a \(SecretBox.keyLength)-byte key")
                }
                boxKey = key
            } else {
                guard existing == nil else { throw CoverNodeError(.keyStore, "\(keyPath) is missing") }
                boxKey = SecureRandom.bytes(SecretBox.keyLength)
                try AtomicFile.write(boxKey, to: keyPath)
            }
        }
    }

    /// Whether a key store exists in the directory.
    package var exists: Bool { (try? AtomicFile.read(path)) != nil }

    /// The stored keys, or `nil` when there is no store yet.
    /// - Throws: ``CoverNodeError`` with `.keyStore` for a wrong passphrase or key, or a corrupt file.
    package func load() throws -> CoverNodeKeys? {
        guard let bytes = try AtomicFile.read(path) else { return nil }
        let envelope = try Self.decodeEnvelope(bytes)
        guard envelope.version == 1 else {
            throw CoverNodeError(.keyStore, "unsupported key-store version \(envelope.version)")
        }
        let plain: [UInt8]
        do {
            plain = try SecretBox.open(Base64.decode(envelope.box), key: boxKey)
        } catch {
            throw CoverNodeError(
                .keyStore, "cannot open the key store: wrong passphrase or key file, or a damaged file")
        }
        do {
            return try JSONDecoder().decode(StoredCoverNodeKeys.self, from: Data(plain)).keys()
        } catch let error as CoverNodeError {
            throw error
        } catch {
            throw CoverNodeError(.keyStore, "the key store holds invalid key data")
        }
    }

    /// Encrypts and atomically replaces the stored keys.
    package func save(_ keys: CoverNodeKeys) throws {
        var plain = try Array(JSONEncoder().encode(StoredCoverNodeKeys(keys)))
        defer { Hashing.wipe(&plain) }
        let envelope = Envelope(version: 1, kdf: kdf, box: Base64.encodePadded(try SecretBox.seal(plain, key: boxKey)))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        try AtomicFile.write(Array(encoder.encode(envelope)), to: path)
    }

    private static func decodeEnvelope(_ bytes: [UInt8]) throws -> Envelope {
        do {
            return try JSONDecoder().decode(Envelope.self, from: Data(bytes))
        } catch {
            throw CoverNodeError(.keyStore, "\(fileName) is not a key-store envelope")
        }
    }
}
