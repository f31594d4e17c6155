import TiplineCore

/// One of the journalist's own key pairs, decoded from the vault, with its certificate.
struct OwnKey<Pair: Sendable, PublicKey: PublicKeyProtocol>: Sendable {
    let pair: Pair
    let certificate: SignedPublicKey<PublicKey>
    /// Whether the API has published it (for a messaging key: readers can encrypt to it and verify replies from it).
    let isPublished: Bool
    let addedAt: Timestamp
}

/// One of the journalist's own identity key pairs.
typealias OwnIdentityKey = OwnKey<SigningKeyPair<Role.JournalistIdentity>, SigningPublicKey<Role.JournalistIdentity>>
/// One of the journalist's own messaging key pairs.
typealias OwnMessagingKey = OwnKey<
    EncryptionKeyPair<Role.JournalistMessaging>, EncryptionPublicKey<Role.JournalistMessaging>
>

extension JournalistVaultContent {
    /// Unexpired identity keys, the one valid the longest first.
    func identityKeys(at now: Timestamp) -> [OwnIdentityKey] {
        Self.unexpired(identityKeys, at: now) { try $0.signingKeyPair(as: Role.JournalistIdentity.self) }
    }

    /// Unexpired messaging keys (published or not), the newest first: the order of trial decryption.
    func messagingKeys(at now: Timestamp) -> [OwnMessagingKey] {
        Self.unexpired(messagingKeys, at: now) { try $0.encryptionKeyPair(as: Role.JournalistMessaging.self) }
    }

    /// The `stored` key pairs, restored with `restore`, whose certificate is valid at `now`, the one valid the longest
    /// first; a pair that does not restore or has no certificate is left out.
    private static func unexpired<P, K>(
        _ stored: [StoredKeyPair], at now: Timestamp, _ restore: (KeyPairJSON) throws -> (P, SignedPublicKey<K>?)
    ) -> [OwnKey<P, K>] {
        stored.compactMap { stored -> OwnKey<P, K>? in
            guard let (pair, certificate) = try? restore(stored.keyPair), let certificate, certificate.isValid(at: now)
            else { return nil }
            return OwnKey(
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
