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
        identityKeys = keys.identities.map {
            Key(
                keyPair: KeyPairJSON($0.keyPair, certificate: $0.certificate), epoch: $0.epoch,
                addedAt: $0.addedAt.rfc3339)
        }
        messagingKeys = keys.messaging.map {
            Key(
                keyPair: KeyPairJSON($0.keyPair, certificate: $0.certificate), epoch: $0.epoch,
                addedAt: $0.addedAt.rfc3339)
        }
    }

    func keys() throws -> CoverNodeKeys {
        let identities = try identityKeys.map { stored in
            let (pair, certificate) = try stored.keyPair.signingKeyPair(as: Role.CoverNodeIdentity.self)
            guard let certificate else { throw Self.uncertified }
            return CoverNodeKeys.Identity(
                keyPair: pair, certificate: certificate, epoch: stored.epoch,
                addedAt: try Timestamp(rfc3339: stored.addedAt))
        }
        let messaging = try messagingKeys.map { stored in
            let (pair, certificate) = try stored.keyPair.encryptionKeyPair(as: Role.CoverNodeMessaging.self)
            guard let certificate else { throw Self.uncertified }
            return CoverNodeKeys.Messaging(
                keyPair: pair, certificate: certificate, epoch: stored.epoch,
                addedAt: try Timestamp(rfc3339: stored.addedAt))
        }
        return CoverNodeKeys(
            coverNodeId: covernodeId, trustAnchors: try trustAnchors.map(SignedPublicKey.init(json:)),
            identities: identities, messaging: messaging)
    }

    private static let uncertified = CoverNodeError(.keyStore, "a stored key pair has no certificate")
}
