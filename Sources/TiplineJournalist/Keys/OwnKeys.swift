import TiplineCore

/// One of the journalist's own identity key pairs, decoded from the vault, with its certificate.
struct OwnIdentityKey: Sendable {
    let pair: SigningKeyPair<Role.JournalistIdentity>
    let certificate: SignedPublicKey<SigningPublicKey<Role.JournalistIdentity>>
    let addedAt: Timestamp
}

/// One of the journalist's own messaging key pairs, decoded from the vault, with its certificate.
struct OwnMessagingKey: Sendable {
    let pair: EncryptionKeyPair<Role.JournalistMessaging>
    let certificate: SignedPublicKey<EncryptionPublicKey<Role.JournalistMessaging>>
    /// Whether the API has published it (readers can encrypt to it and verify replies from it).
    let isPublished: Bool
    let addedAt: Timestamp
}

extension JournalistVaultContent {
    /// Unexpired identity keys, the one valid the longest first.
    func identityKeys(at now: Timestamp) -> [OwnIdentityKey] {
        identityKeys.compactMap { stored -> OwnIdentityKey? in
            guard let (pair, certificate) = try? stored.keyPair.signingKeyPair(as: Role.JournalistIdentity.self),
                let certificate, certificate.isValid(at: now)
            else { return nil }
            return OwnIdentityKey(
                pair: pair, certificate: certificate, addedAt: Timestamp(microseconds: stored.addedAt))
        }.sorted { $0.certificate.notValidAfter > $1.certificate.notValidAfter }
    }

    /// Unexpired messaging keys (published or not), the newest first: the order of trial decryption.
    func messagingKeys(at now: Timestamp) -> [OwnMessagingKey] {
        messagingKeys.compactMap { stored -> OwnMessagingKey? in
            guard let (pair, certificate) = try? stored.keyPair.encryptionKeyPair(as: Role.JournalistMessaging.self),
                let certificate, certificate.isValid(at: now)
            else { return nil }
            return OwnMessagingKey(
                pair: pair, certificate: certificate, isPublished: stored.epoch != nil,
                addedAt: Timestamp(microseconds: stored.addedAt))
        }.sorted { $0.certificate.notValidAfter > $1.certificate.notValidAfter }
    }

    /// The identity key that signs forms: the unexpired one valid the longest.
    func signingIdentity(at now: Timestamp) throws -> OwnIdentityKey {
        guard let identity = identityKeys(at: now).first else {
            throw JournalistError(
                .missingKey, "this vault has no valid identity key; ask an administrator for a new setup bundle")
        }
        return identity
    }

    /// The key replies are sealed from: the latest published messaging key.
    func replyKey(at now: Timestamp) throws -> OwnMessagingKey {
        guard let key = messagingKeys(at: now).first(where: \.isPublished) else {
            throw JournalistError(.missingKey, "no published messaging key yet; run `tipline journalist sync` first")
        }
        return key
    }
}

extension KeyPairJSON {
    /// The certificate's expiry, for a signed key pair.
    var expiry: Timestamp? {
        guard case .signed(let json) = publicKey else { return nil }
        return try? Timestamp(rfc3339: json.notValidAfter)
    }
}
