import Foundation
package import TiplineCore

/// Brings the key store to a usable state at start-up: loads it and applies a setup bundle from the key ceremony
/// (uploads its identity key, stores the key pair with the epoch the API answers, deletes the bundle file).
///
/// The identity key's epoch is only ever the API's answer to its upload: when that answer was lost, the bundle
/// stays and the next start re-sends the same form, which the API answers with the stored key's epoch
/// (`spec/PROTOCOL.md` §4.6), never the hierarchy's `max_epoch`.
package struct CoverNodeBootstrap: Sendable {
    private let store: CoverNodeKeyStore
    private let api: any CoverNodeAPI
    private let clock: any WallClock

    /// Creates a bootstrap over a key store and the API.
    package init(store: CoverNodeKeyStore, api: any CoverNodeAPI, clock: any WallClock) {
        self.store = store
        self.api = api
        self.clock = clock
    }

    /// The CoverNode's keys after applying the setup bundle at `setupBundlePath`, if that file exists.
    /// - Throws: ``CoverNodeError`` with `.bootstrap` when there is neither a key store nor a bundle, the bundle is
    ///   invalid or the API refuses its identity key; `.keyStore` for key-store problems; API errors that may
    ///   succeed on retry (unreachable API) as they are.
    package func loadKeys(setupBundlePath: String?) async throws -> CoverNodeKeys {
        var keys = try store.load()
        if let setupBundlePath, let bundleBytes = try AtomicFile.read(setupBundlePath) {
            keys = try await apply(try decodeBundle(bundleBytes), to: keys)
            try AtomicFile.remove(setupBundlePath)
        }
        guard let keys else {
            throw CoverNodeError(
                .bootstrap, "no key store in \(store.directory) and no setup bundle: run `tipline admin` to make one")
        }
        return keys
    }

    private func decodeBundle(_ bytes: [UInt8]) throws -> CoverNodeSetupBundle {
        do {
            return try JSONDecoder().decode(CoverNodeSetupBundle.self, from: Data(bytes))
        } catch {
            throw CoverNodeError(.bootstrap, "the setup bundle is not valid CoverNode setup-bundle JSON")
        }
    }

    private func apply(_ bundle: CoverNodeSetupBundle, to existing: CoverNodeKeys?) async throws -> CoverNodeKeys {
        guard CoverNodeID.isValid(bundle.covernodeId) else {
            throw CoverNodeError(.bootstrap, "the setup bundle names an invalid CoverNode id")
        }
        if let existing, existing.coverNodeId != bundle.covernodeId {
            throw CoverNodeError(.bootstrap, "the setup bundle is for another CoverNode than this key store")
        }
        let pair: SigningKeyPair<Role.CoverNodeIdentity>
        let certificate: SignedPublicKey<SigningPublicKey<Role.CoverNodeIdentity>>
        let anchors: [SignedPublicKey<SigningPublicKey<Role.Organization>>]
        do {
            let restored = try bundle.identityKeyPair.signingKeyPair(as: Role.CoverNodeIdentity.self)
            guard let signed = restored.1 else { throw CoverNodeError(.bootstrap, "uncertified identity key") }
            (pair, certificate) = (restored.0, signed)
            anchors = try bundle.trustAnchors.map(SignedPublicKey.init(json:))
        } catch {
            throw CoverNodeError(.bootstrap, "the setup bundle's keys are invalid: \(error)")
        }
        guard !anchors.isEmpty else { throw CoverNodeError(.bootstrap, "the setup bundle has no trust anchor") }
        var keys = existing ?? CoverNodeKeys(coverNodeId: bundle.covernodeId, trustAnchors: anchors)
        keys.trustAnchors += anchors.filter { !keys.trustAnchors.contains($0) }
        if !keys.identities.contains(where: { $0.keyPair.publicKey == pair.publicKey }) {
            keys.identities.append(.init(keyPair: pair, certificate: certificate, epoch: nil, addedAt: clock.now()))
            try store.save(keys)
        }
        guard let index = keys.identities.firstIndex(where: { $0.keyPair.publicKey == pair.publicKey }),
            keys.identities[index].epoch == nil
        else { return keys }
        keys.identities[index].epoch = try await uploadIdentity(bundle.uploadIdentityKeyForm)
        try store.save(keys)
        return keys
    }

    /// The identity key's epoch, as the API answers the bundle's upload form (also when it stored the key before).
    private func uploadIdentity(_ form: SignedForm) async throws -> Int32 {
        do {
            return try await api.submitKeyUpload(form, to: CoverNodeAPIPath.identityKey)
        } catch  where error.isDefinitiveRejection {
            throw CoverNodeError(.bootstrap, "the API refused the setup bundle's identity key (\(error))")
        }
    }
}
