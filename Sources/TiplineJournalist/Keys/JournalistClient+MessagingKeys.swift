import TiplineAPIClient
import TiplineCore

extension JournalistClient {
    /// Publishes a new messaging key: generated, certified by the identity key and saved in the vault *before*
    /// the API learns of it (so a reader can never encrypt to a key whose secret was lost), then uploaded with a
    /// form signed by the identity key. An unpublished key left by an interrupted attempt is reused.
    ///
    /// - Returns: the epoch the API assigned.
    @discardableResult
    func publishMessagingKey() async throws -> Int32 {
        let now = clock.now()
        let validity = configuration.messagingKeyValidity
        let (identity, certificate) = try await vault.update { contents in
            let identity = try contents.signingIdentity(at: now)
            if let pending = contents.messagingKeys(at: now).first(where: { !$0.isPublished }) {
                return (identity, pending.certificate)
            }
            let pair = try EncryptionKeyPair<Role.JournalistMessaging>.generate()
            let certificate = try identity.pair.certify(
                pair.publicKey,
                notValidAfter: KeyLifetimes.childExpiry(
                    now: now, validity: validity, parentNotValidAfter: identity.certificate.notValidAfter))
            contents.messagingKeys.append(
                StoredKeyPair(
                    keyPair: KeyPairJSON(pair, certificate: certificate), epoch: nil, addedAt: now.microseconds))
            return (identity, certificate)
        }
        let form = try SignedForm.sign(certificate.json, with: identity.pair, now: now)
        let epoch = try await api.submitKeyUpload(form, to: Paths.messagingKey)
        let keyHex = certificate.key.hex
        try await vault.update { contents in
            for index in contents.messagingKeys.indices
            where contents.messagingKeys[index].keyPair.publicKey.keyHex.lowercased() == keyHex {
                contents.messagingKeys[index].epoch = epoch
                contents.messagingKeys[index].addedAt = now.microseconds
            }
        }
        return epoch
    }

    /// Whether a new messaging key is due: none is published and valid, the latest is older than the rotation
    /// interval, or it expires within the rotation interval (for example because the identity key caps it).
    func messagingKeyIsDue(now: Timestamp) async throws -> Bool {
        let rotation = configuration.messagingKeyRotation
        return try await vault.read { contents in
            let published = contents.messagingKeys(at: now).filter(\.isPublished)
            guard let newest = published.max(by: { $0.addedAt < $1.addedAt }) else { return true }
            return now.duration(since: newest.addedAt) >= rotation
                || newest.certificate.notValidAfter.duration(since: now) < rotation
        }
    }
}
