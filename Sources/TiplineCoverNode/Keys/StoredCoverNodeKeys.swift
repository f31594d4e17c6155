import TiplineCore

/// The JSON inside the encrypted key store: key pairs in CoverDrop's key-pair file format plus epochs.
struct StoredCoverNodeKeys: Codable {
    struct Key: Codable {
        var keyPair: KeyPairJSON
        var epoch: Int32?
        var addedAt: String

        enum CodingKeys: String, CodingKey {
            case keyPair = "key_pair"
            case epoch
            case addedAt = "added_at"
        }

        /// The entry this holds, its key pair and certificate restored with `restore`.
        /// - Throws: ``CoverNodeError`` with `.keyStore` when the key pair has no certificate.
        func entry<P, K>(
            _ restore: (KeyPairJSON) throws -> (P, SignedPublicKey<K>?)
        ) throws -> CoverNodeKeys.Entry<P, K> {
            let (pair, certificate) = try restore(keyPair)
            guard let certificate else { throw CoverNodeError(.keyStore, "a stored key pair has no certificate") }
            return CoverNodeKeys.Entry(
                keyPair: pair, certificate: certificate, epoch: epoch, addedAt: try Timestamp(rfc3339: addedAt))
        }
    }

    var covernodeId: String
    var trustAnchors: [SignedPublicKeyJSON]
    var identityKeys: [Key]
    var messagingKeys: [Key]

    enum CodingKeys: String, CodingKey {
        case covernodeId = "covernode_id"
        case trustAnchors = "trust_anchors"
        case identityKeys = "identity_keys"
        case messagingKeys = "messaging_keys"
    }

    init(_ keys: CoverNodeKeys) {
        covernodeId = keys.coverNodeId
        trustAnchors = keys.trustAnchors.map(\.json)
        identityKeys = keys.identities.map { Key(KeyPairJSON($0.keyPair, certificate: $0.certificate), of: $0) }
        messagingKeys = keys.messaging.map { Key(KeyPairJSON($0.keyPair, certificate: $0.certificate), of: $0) }
    }

    func keys() throws -> CoverNodeKeys {
        let identities = try identityKeys.map {
            try $0.entry { try $0.signingKeyPair(as: Role.CoverNodeIdentity.self) }
        }
        let messaging = try messagingKeys.map {
            try $0.entry { try $0.encryptionKeyPair(as: Role.CoverNodeMessaging.self) }
        }
        return CoverNodeKeys(
            coverNodeId: covernodeId, trustAnchors: try trustAnchors.map(SignedPublicKey.init(json:)),
            identities: identities, messaging: messaging)
    }
}

extension StoredCoverNodeKeys.Key {
    /// The stored form of `entry`, whose key pair and certificate are `keyPair`.
    init<P, K>(_ keyPair: KeyPairJSON, of entry: CoverNodeKeys.Entry<P, K>) {
        self.init(keyPair: keyPair, epoch: entry.epoch, addedAt: entry.addedAt.rfc3339)
    }
}
