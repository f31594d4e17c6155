import Foundation
import NIOCore
import TiplineCore

/// A complete, freshly generated key hierarchy for API tests, with helpers to sign forms as each role.
struct APITestKeys: Sendable {
    static let coverNodeId = "covernode_001"
    static let journalistId = "alice"

    let now: Timestamp
    let organization: SigningKeyPair<Role.Organization>
    let anchor: SignedPublicKey<SigningPublicKey<Role.Organization>>
    let admin: SigningKeyPair<Role.Admin>
    let adminKey: SignedPublicKey<SigningPublicKey<Role.Admin>>
    let coverNodeProvisioning: SigningKeyPair<Role.CoverNodeProvisioning>
    let coverNodeProvisioningKey: SignedPublicKey<SigningPublicKey<Role.CoverNodeProvisioning>>
    let journalistProvisioning: SigningKeyPair<Role.JournalistProvisioning>
    let journalistProvisioningKey: SignedPublicKey<SigningPublicKey<Role.JournalistProvisioning>>
    let coverNodeIdentity: SigningKeyPair<Role.CoverNodeIdentity>
    let coverNodeIdentityKey: SignedPublicKey<SigningPublicKey<Role.CoverNodeIdentity>>
    let coverNodeMessagingKey: SignedPublicKey<EncryptionPublicKey<Role.CoverNodeMessaging>>
    let journalistIdentity: SigningKeyPair<Role.JournalistIdentity>
    let journalistIdentityKey: SignedPublicKey<SigningPublicKey<Role.JournalistIdentity>>
    let journalistMessagingKey: SignedPublicKey<EncryptionPublicKey<Role.JournalistMessaging>>

    init(now: Timestamp = Timestamp(seconds: 1_900_000_000)) throws {
        self.now = now
        let year = now.adding(KeyLifetimes.longTerm)
        organization = try .generate()
        anchor = try organization.selfSigned(notValidAfter: year)
        admin = try .generate()
        adminKey = try organization.certify(admin.publicKey, notValidAfter: year)
        coverNodeProvisioning = try .generate()
        coverNodeProvisioningKey = try organization.certify(coverNodeProvisioning.publicKey, notValidAfter: year)
        journalistProvisioning = try .generate()
        journalistProvisioningKey = try organization.certify(journalistProvisioning.publicKey, notValidAfter: year)
        coverNodeIdentity = try .generate()
        coverNodeIdentityKey = try coverNodeProvisioning.certify(
            coverNodeIdentity.publicKey, notValidAfter: now.adding(KeyLifetimes.coverNodeIdentity))
        coverNodeMessagingKey = try coverNodeIdentity.certify(
            EncryptionKeyPair<Role.CoverNodeMessaging>.generate().publicKey,
            notValidAfter: now.adding(KeyLifetimes.messaging))
        journalistIdentity = try .generate()
        journalistIdentityKey = try journalistProvisioning.certify(
            journalistIdentity.publicKey, notValidAfter: now.adding(KeyLifetimes.journalistIdentity))
        journalistMessagingKey = try journalistIdentity.certify(
            EncryptionKeyPair<Role.JournalistMessaging>.generate().publicKey,
            notValidAfter: now.adding(KeyLifetimes.messaging))
    }

    /// The JSON of a form holding `body`, signed by `signer`, created `offset` after ``now``.
    func form<R, T: Encodable>(
        _ body: T, by signer: SigningKeyPair<R>, offset: Duration = .zero,
        lifetime: Duration = SignedForm.defaultLifetime
    ) throws -> ByteBuffer {
        try json(SignedForm.sign(body, with: signer, now: now.adding(offset), lifetime: lifetime))
    }

    /// A form whose signature does not match its body.
    func tamperedForm<R, T: Encodable>(_ body: T, by signer: SigningKeyPair<R>) throws -> ByteBuffer {
        let form = try SignedForm.sign(body, with: signer, now: now)
        var object = try JSONSerialization.jsonObject(with: JSONEncoder().encode(form)) as? [String: Any] ?? [:]
        object["body"] = Base64.encodePadded(Array(try JSONEncoder().encode(body)) + [0x20])
        return ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: object))
    }

    func json<T: Encodable>(_ value: T) throws -> ByteBuffer { ByteBuffer(bytes: try JSONEncoder().encode(value)) }

    /// A dead drop of `count` random messages signed by the CoverNode identity key.
    func deadDrop(_ kind: DeadDropKind, count: Int, offset: Duration = .zero) throws -> DeadDrop {
        try DeadDrop.sign(
            kind: kind, messages: (0..<count).map { _ in SecureRandom.bytes(kind.messageLength) },
            createdAt: now.adding(offset), epoch: kind == .journalist ? 4 : nil, with: coverNodeIdentity)
    }
}
