import TiplineAPIClient
import TiplineCore

/// Progress of an identity-key rotation.
package enum IdentityRotationState: Sendable, Equatable {
    /// The current identity key is recent enough.
    case notDue
    /// A new key is waiting for the organisation to certify it (the request is queued at the API).
    case requested
    /// The new key was certified and is now the signing identity.
    case completed
    /// The API does not offer the rotation queue; the reason is given.
    case unsupported(String)
}

extension JournalistClient {
    /// Advances the identity-key rotation of `spec/PROTOCOL.md` §4.7: when the identity key is older than the
    /// rotation interval, a candidate key pair is generated and saved, then a request signed by the current identity
    /// key (an outer form wrapping an inner form with the new public key) is queued at the API for the
    /// organisation's provisioning key to certify. Once the certified key appears in the published hierarchy it is
    /// promoted; the old one stays until it expires. Requests are re-queued when their form has expired.
    func advanceIdentityRotation(force: Bool) async throws -> IdentityRotationState {
        let now = clock.now()
        let journalistId = try await vault.read { $0.journalistId }
        if let candidate = try await vault.read({ $0.candidateIdentityKey }) {
            let (pair, _) = try candidate.keyPair.signingKeyPair(as: Role.JournalistIdentity.self)
            let keys = try await verifiedKeys(forceRefresh: true)
            if let certified = keys.identityKeys(forJournalist: journalistId).first(where: { $0.key == pair.publicKey })
            {
                let epoch = try await api.journalistIdentityKey(pair.publicKey)?.epoch
                try await vault.update { contents in
                    contents.identityKeys.append(
                        StoredKeyPair(
                            keyPair: KeyPairJSON(pair, certificate: certified), epoch: epoch, addedAt: now.microseconds)
                    )
                    contents.candidateIdentityKey = nil
                }
                return .completed
            }
            if let requested = candidate.requestedAt,
                now.duration(since: Timestamp(microseconds: requested)) < SignedForm.defaultLifetime
            {
                return .requested
            }
        } else {
            let rotation = configuration.identityKeyRotation
            let due = try await vault.read { contents in
                guard let current = contents.identityKeys(at: now).first else { return false }
                return now.duration(since: current.addedAt) >= rotation
            }
            guard force || due else { return .notDue }
            let pair = try SigningKeyPair<Role.JournalistIdentity>.generate()
            try await vault.update { contents in
                contents.candidateIdentityKey = CandidateIdentityKey(
                    keyPair: KeyPairJSON(
                        publicKey: .unsigned(UnsignedPublicKeyJSON(key: pair.publicKey.hex)),
                        secretKey: Hex.encode(pair.seed)),
                    addedAt: now.microseconds)
            }
        }
        return try await requestIdentityCertification(now: now)
    }

    private func requestIdentityCertification(now: Timestamp) async throws -> IdentityRotationState {
        let (identity, candidate) = try await vault.read { contents in
            (try contents.signingIdentity(at: now), contents.candidateIdentityKey)
        }
        guard let candidate else { return .notDue }
        let inner = try SignedForm.sign(
            RotateJournalistIdentityKeyBody(newPk: UnsignedPublicKeyJSON(key: candidate.keyPair.publicKey.keyHex)),
            with: identity.pair, now: now)
        let outer = try SignedForm.sign(RotateJournalistIdentityKeyFormBody(form: inner), with: identity.pair, now: now)
        do {
            try await api.submit(outer, to: Paths.identityKeyRotationForm)
        } catch let error as APIClientError where [404, 405, 501].contains(error.status ?? 0) {
            return .unsupported("the API has no identity-key rotation queue (\(error.message))")
        }
        try await vault.update { $0.candidateIdentityKey?.requestedAt = now.microseconds }
        return .requested
    }
}
