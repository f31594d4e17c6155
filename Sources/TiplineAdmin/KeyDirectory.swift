package import Foundation
package import TiplineCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A folder of CoverDrop-format key files (`<entity>-<8 hex>.keypair.json`, mode 0600) as the offline key
/// ceremony keeps them. Never overwrites a file.
package struct KeyDirectory: Sendable {
    /// The folder.
    package let path: String

    /// Opens (and creates, mode 0700) a key folder.
    package init(path: String) throws {
        self.path = path
        do {
            try FileManager.default.createDirectory(
                atPath: path, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw AdminError(.io, "cannot create the key folder \(path)")
        }
    }

    /// Writes a key-pair file for `role`, refusing to overwrite. Returns the file name.
    @discardableResult
    package func store<R: KeyRole>(_ file: KeyPairJSON, role: R.Type) throws -> String {
        let name = file.fileName(entityName: R.entityName)
        try write(JSONEncoder.keyFiles.encode(file), to: name)
        return name
    }

    /// Writes any file, refusing to overwrite. The file is created exclusively (`O_EXCL`: an existing name, even a
    /// dangling symbolic link, is refused, and of two racing writers only one succeeds) with mode 0600 from its first
    /// instant, whatever the umask, then flushed to disk. A file that could not be written completely is removed.
    package func write(_ data: Data, to name: String) throws {
        let target = (path as NSString).appendingPathComponent(name)
        let fd = open(target, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            guard errno != EEXIST else {
                throw AdminError(.alreadyExists, "\(target) already exists; refusing to overwrite it")
            }
            throw AdminError(.io, "cannot create \(target): \(String(cString: strerror(errno)))")
        }
        let handle = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
        do {
            try handle.write(contentsOf: data)
            try handle.synchronize()
            try handle.close()
        } catch {
            try? FileManager.default.removeItem(atPath: target)
            throw AdminError(.io, "cannot write \(target)")
        }
    }

    /// The newest (latest expiry) key pair of `role` in the folder.
    package func latestSigningKey<R: KeyRole>(
        _ role: R.Type
    ) throws -> (SigningKeyPair<R>, SignedPublicKey<SigningPublicKey<R>>) {
        var best: (SigningKeyPair<R>, SignedPublicKey<SigningPublicKey<R>>)?
        for file in try keyFiles(of: role) {
            guard case let (pair, certificate?) = try file.signingKeyPair(as: role) else { continue }
            if best == nil || certificate.notValidAfter > (best?.1.notValidAfter ?? certificate.notValidAfter) {
                best = (pair, certificate)
            }
        }
        guard let best else { throw AdminError(.missingKey, "no \(R.entityName) key in \(path)") }
        return best
    }

    private func keyFiles<R: KeyRole>(of role: R.Type) throws -> [KeyPairJSON] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
        return try names.filter { $0.hasPrefix(R.entityName + "-") && $0.hasSuffix(".keypair.json") }.sorted().map {
            name in
            let full = (path as NSString).appendingPathComponent(name)
            guard let data = FileManager.default.contents(atPath: full),
                let file = try? JSONDecoder().decode(KeyPairJSON.self, from: data)
            else { throw AdminError(.io, "cannot read the key file \(full)") }
            return file
        }
    }
}

extension JSONEncoder {
    /// Pretty, stable JSON for files people read.
    static let keyFiles: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()
}
