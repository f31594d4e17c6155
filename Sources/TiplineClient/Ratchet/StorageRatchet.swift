package import Foundation

/// The ratcheted outer layer over the files whose bytes could tell a source from a reader across two snapshots: the
/// vault (rewritten with new content only while a session is open) and the sending queue (a real message replaces a
/// cover slot in the middle). HiddenSloth's design (Hugenroth et al., PoPETs 2024): each write wraps the inner file
/// in an outer layer under a fresh temporary key, wrapped in turn by a new ``DeviceKeyStore`` key; once every file is
/// durable, the previous device keys are deleted, so that an earlier snapshot can no longer be opened and compared.
///
/// The client ratchets at every checkpoint (start, foreground, background, background run) for every installation,
/// with the same writes whether or not a session is open. The public caches and `schedule.json` stay plain: they
/// hold only what the API served and when the app ran, the same bytes for a source and a reader on the same schedule.
///
/// Crash safety: a new key is created before anything is written, each file is replaced atomically, and old keys are
/// deleted only after both files are durable; opening tries every key that exists. A kill at any point therefore
/// leaves files that open, and the next checkpoint removes the leftovers (keys and temporary files).
package struct StorageRatchet: Sendable {
    /// The files under the outer layer, in the order they are written.
    package static let protectedFiles: [ClientFile] = [.vault, .queue]

    let directory: StateDirectory
    /// The store whose keys wrap the outer layer.
    package let deviceKeys: any DeviceKeyStore

    /// A ratchet over the client state folder `directory` with keys from `deviceKeys`.
    package init(directory: URL, deviceKeys: any DeviceKeyStore) {
        self.directory = StateDirectory(url: directory)
        self.deviceKeys = deviceKeys
    }

    /// Opens what is on disk and writes it back under a new device key, deleting the previous ones: what a
    /// checkpoint does, without a client (for a background task that only ratchets, and for crash tests).
    /// - Throws: ``ClientError`` with `.diskFull` when the device is full, `.storage` when a file or the key store
    ///   fails otherwise.
    package func ratchet(progress: (RatchetStep) -> Void = { _ in }) throws {
        try commit(open(), progress: progress)
    }

    /// The inner bytes of each protected file that exists and opens. A file of an installation from before the
    /// outer layer (exactly the inner size) is taken as it is; the next ``commit(_:progress:)`` wraps it. A file
    /// no existing key opens, or of a wrong size, is left out: nobody can open it any more.
    /// - Throws: ``ClientError`` with `.storage` when a file exists but cannot be read or the key store cannot be
    ///   used: nothing may then be replaced, as a failed read must never turn into a fresh vault.
    func open() throws -> [ClientFile: [UInt8]] {
        DurableFile.removeTemporaries(in: directory.url.path)
        let keys = try deviceKeys.keys()
        var opened: [ClientFile: [UInt8]] = [:]
        for file in Self.protectedFiles {
            guard let bytes = try DurableFile.read(directory.path(file)), let inner = Self.innerLength(of: file) else {
                continue
            }
            if bytes.count == inner {
                opened[file] = bytes
            } else if bytes.count == inner + OuterLayer.overhead(deviceKeys) {
                opened[file] = try OuterLayer.open(bytes, keys: keys, in: deviceKeys)
            }
        }
        return opened
    }

    /// Writes `contents` under a new device key, then deletes every other key.
    func commit(_ contents: [ClientFile: [UInt8]], progress: (RatchetStep) -> Void = { _ in }) throws {
        let previous = try deviceKeys.keys()
        let key = try deviceKeys.createKey()
        progress(.keyCreated)
        for file in Self.protectedFiles {
            guard let inner = contents[file] else { continue }
            try DurableFile.write(
                OuterLayer.seal(inner, under: key, in: deviceKeys), to: directory.path(file),
                afterTemporary: { progress(.temporaryWritten(file)) })
            progress(.replaced(file))
        }
        for old in previous where old != key { try deviceKeys.deleteKey(old) }
        progress(.previousKeysDeleted)
    }

    /// The size of a protected file's inner layer (the vault or queue bytes the outer layer wraps); `nil` for the
    /// files that are not protected.
    package static func innerLength(of file: ClientFile) -> Int? {
        switch file {
        case .vault: SealedVault.fileLength
        case .queue: PrivateSendingQueue.serializedLength
        default: nil
        }
    }
}
