public import Foundation
import TiplineCore

/// A ``DeviceKeyStore`` in plain files, for Linux, the simulator and tests. **It gives no hardware protection:** its
/// keys are ordinary files that any copy of the device's storage contains, so an examiner who images this folder
/// along with the state folder can open every snapshot's outer layer. Only a store whose keys cannot leave the device
/// (Secure Enclave, StrongBox) makes earlier snapshots unreadable against such an examiner.
///
/// Each key is 32 random bytes in `<random id>.key` (mode 0600) inside ``directory`` (mode 0700); a key wraps with
/// TiplineCore's ``SecretBox`` (XChaCha20-Poly1305), and deleting one overwrites the file with zeros first.
public struct SoftwareDeviceKeyStore: DeviceKeyStore {
    /// The folder holding the key files; keep it outside the client's state folder.
    public let directory: URL

    private static let suffix = ".key"

    /// A store keeping its keys in `directory` (created on the first new key).
    public init(directory: URL) { self.directory = directory }

    /// A 32-byte secret sealed with ``SecretBox``: its key length plus its overhead.
    public var wrappedKeyLength: Int { SecretBox.keyLength + SecretBox.overhead }

    /// The `.key` files in ``directory``; none while the folder does not exist.
    /// - Throws: ``ClientError`` with `.storage` when the folder exists but cannot be listed.
    public func keys() throws -> [DeviceKeyID] {
        guard FileManager.default.fileExists(atPath: directory.path) else { return [] }
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory.path) else {
            throw ClientError(.storage, "the device key folder cannot be listed")
        }
        return names.filter { $0.hasSuffix(Self.suffix) }.map {
            DeviceKeyID(rawValue: String($0.dropLast(Self.suffix.count)))
        }
    }

    /// Writes 32 random bytes to a new key file (durably, mode 0600), creating ``directory`` with mode 0700 first.
    /// - Throws: ``ClientError`` with `.diskFull` when the device is full, `.storage` when the folder or the file
    ///   cannot be written otherwise.
    public func createKey() throws -> DeviceKeyID {
        do {
            try FileManager.default.createDirectory(
                at: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw ClientError(.storage, "the device key folder cannot be created")
        }
        DurableFile.removeTemporaries(in: directory.path)
        let id = DeviceKeyID(rawValue: Hex.encode(SecureRandom.bytes(16)))
        try DurableFile.write(SecureRandom.bytes(SecretBox.keyLength), to: path(id))
        return id
    }

    /// Seals `secret` with the key's bytes (XChaCha20-Poly1305); the key bytes are wiped from memory afterwards.
    /// - Throws: ``ClientError`` with `.storage` when the key does not exist or is malformed.
    public func wrap(_ secret: [UInt8], with key: DeviceKeyID) throws -> [UInt8] {
        guard var bytes = try DurableFile.read(path(key)) else {
            throw ClientError(.storage, "the device key does not exist")
        }
        defer { Hashing.wipe(&bytes) }
        do {
            return try SecretBox.seal(secret, key: bytes)
        } catch {
            throw ClientError(.storage, "the device key is malformed")
        }
    }

    /// Opens `wrapped` with the key's bytes, or `nil` when the key is gone or does not open it.
    public func unwrap(_ wrapped: [UInt8], with key: DeviceKeyID) throws -> [UInt8]? {
        guard var bytes = try DurableFile.read(path(key)) else { return nil }
        defer { Hashing.wipe(&bytes) }
        return try? SecretBox.open(wrapped, key: bytes)
    }

    /// Overwrites the key file with zeros, then removes it.
    public func deleteKey(_ key: DeviceKeyID) throws { try DurableFile.erase(path(key)) }

    private func path(_ key: DeviceKeyID) -> String {
        directory.appendingPathComponent(key.rawValue + Self.suffix).path
    }
}
