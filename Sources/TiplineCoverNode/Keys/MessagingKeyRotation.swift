package import TiplineCore

/// Keeps the CoverNode's messaging keys fresh (`PROTOCOL.md` §4.7): forgets expired keys, makes a new key pair once
/// the newest published one is older than ``rotateAfter`` (certified by the signing identity for ``validity``,
/// capped by the identity's own expiry), and uploads it. A key is used to send only once the API has answered its
/// upload with an epoch; until then it only decrypts.
package struct MessagingKeyRotation: Sendable {
    /// Age of the newest published key after which a new one is made.
    package var rotateAfter: Duration
    /// Validity of a new key.
    package var validity: Duration
    private let keyring: CoverNodeKeyring
    private let api: any CoverNodeAPI
    private let clock: any WallClock

    /// Creates the task body; CoverDrop's lifetimes are the defaults (rotate after 7 days, valid 14).
    package init(
        keyring: CoverNodeKeyring, api: any CoverNodeAPI, clock: any WallClock,
        rotateAfter: Duration = KeyLifetimes.coverNodeMessagingRotation, validity: Duration = KeyLifetimes.messaging
    ) {
        self.keyring = keyring
        self.api = api
        self.clock = clock
        self.rotateAfter = rotateAfter
        self.validity = validity
    }

    /// One round. Returns the epoch of a key uploaded in this round, if any.
    /// - Throws: ``CoverNodeError`` `.notReady` without a published identity; API errors from the upload (the
    ///   candidate is kept and uploaded again next round).
    @discardableResult
    package func run() async throws -> Int32? {
        let now = clock.now()
        var keys = await keyring.current
        if keys.removeExpired(at: now) {
            try await keyring.update { $0.removeExpired(at: now) }
        }
        guard let identity = keys.signingIdentity(at: now) else {
            throw CoverNodeError(.notReady, "no unexpired, published identity key to certify a messaging key")
        }
        if keys.candidate == nil, isRotationDue(keys, now: now) {
            let pair = try EncryptionKeyPair<Role.CoverNodeMessaging>.generate()
            let expiry = KeyLifetimes.childExpiry(
                now: now, validity: validity, parentNotValidAfter: identity.certificate.notValidAfter)
            let certificate = try identity.keyPair.certify(pair.publicKey, notValidAfter: expiry)
            try await keyring.update {
                $0.messaging.append(.init(keyPair: pair, certificate: certificate, epoch: nil, addedAt: now))
            }
        }
        guard let candidate = await keyring.current.candidate else { return nil }
        let form = try SignedForm.sign(candidate.certificate.json, with: identity.keyPair, now: now)
        let epoch = try await api.submitKeyUpload(form, to: CoverNodeAPIPath.messagingKey)
        try await keyring.update { keys in
            for index in keys.messaging.indices
            where keys.messaging[index].keyPair.publicKey == candidate.keyPair.publicKey {
                keys.messaging[index].epoch = epoch
            }
        }
        return epoch
    }

    private func isRotationDue(_ keys: CoverNodeKeys, now: Timestamp) -> Bool {
        guard let newest = keys.messaging.filter({ $0.epoch != nil }).max(by: { $0.addedAt < $1.addedAt }) else {
            return true
        }
        return now.duration(since: newest.addedAt) >= rotateAfter
    }
}
