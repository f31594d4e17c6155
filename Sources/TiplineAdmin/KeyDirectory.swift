public import Foundation
public import TiplineCore

/// A folder of CoverDrop-format key files (`<entity>-<8 hex>.keypair.json`, mode 0600) as the offline key
/// ceremony keeps them. Never overwrites a file.
public struct KeyDirectory: Sendable {
    /// The folder.
    public let path: String

    /// Opens (and creates, mode 0700) a key folder.
    public init(path: String) throws {
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
    public func store<R: KeyRole>(_ file: KeyPairJSON, role: R.Type) throws -> String {
        let name = file.fileName(entityName: R.entityName)
        try write(JSONEncoder.keyFiles.encode(file), to: name)
        return name
    }

    /// Writes any file with mode 0600, refusing to overwrite.
    public func write(_ data: Data, to name: String) throws {
        let target = (path as NSString).appendingPathComponent(name)
        guard !FileManager.default.fileExists(atPath: target) else {
            throw AdminError(.alreadyExists, "\(target) already exists; refusing to overwrite it")
        }
        guard FileManager.default.createFile(atPath: target, contents: data, attributes: [.posixPermissions: 0o600])
        else { throw AdminError(.io, "cannot write \(target)") }
    }

    /// The newest (latest expiry) key pair of `role` in the folder.
    public func latestSigningKey<R: KeyRole>(
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
