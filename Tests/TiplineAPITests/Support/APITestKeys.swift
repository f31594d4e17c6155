import Foundation
import NIOCore
import TiplineCore
import TiplineTestSupport

/// A ``TestKeyHierarchy`` with one journalist and an admin key, with helpers to sign forms as each role.
@dynamicMemberLookup
struct APITestKeys: Sendable {
    static let coverNodeId = TestKeyHierarchy.coverNodeId
    static let journalistId = "alice"

    /// The organisation, provisioning, CoverNode and journalist keys.
    let hierarchy: TestKeyHierarchy
    let admin: SigningKeyPair<Role.Admin>
    let adminKey: SignedPublicKey<SigningPublicKey<Role.Admin>>
    /// The keys of ``journalistId``.
    let journalist: TestKeyHierarchy.Journalist

    init(now: Timestamp = Timestamp(seconds: 1_900_000_000)) throws {
        var hierarchy = try TestKeyHierarchy(now: now)
        journalist = try hierarchy.addJournalist(Self.journalistId)
        self.hierarchy = hierarchy
        admin = try .generate()
        adminKey = try hierarchy.organization.certify(admin.publicKey, notValidAfter: now.adding(KeyLifetimes.longTerm))
    }

    /// The hierarchy's properties, as if they were this one's own.
    subscript<T>(dynamicMember keyPath: KeyPath<TestKeyHierarchy, T>) -> T { hierarchy[keyPath: keyPath] }

    var journalistIdentity: SigningKeyPair<Role.JournalistIdentity> { journalist.identity }
    var journalistIdentityKey: SignedPublicKey<SigningPublicKey<Role.JournalistIdentity>> { journalist.identityKey }
    var journalistMessagingKey: SignedPublicKey<EncryptionPublicKey<Role.JournalistMessaging>> {
        journalist.latestMessagingKey
    }

    /// The JSON of a form holding `body`, signed by `signer`, created `offset` after ``now``.
    func form<R, T: Encodable>(
        _ body: T, by signer: SigningKeyPair<R>, offset: Duration = .zero,
        lifetime: Duration = SignedForm.defaultLifetime
    ) throws -> ByteBuffer {
        try json(SignedForm.sign(body, with: signer, now: hierarchy.now.adding(offset), lifetime: lifetime))
    }

    /// A form whose signature does not match its body.
    func tamperedForm<R, T: Encodable>(_ body: T, by signer: SigningKeyPair<R>) throws -> ByteBuffer {
        let form = try SignedForm.sign(body, with: signer, now: hierarchy.now)
        var object = try JSONSerialization.jsonObject(with: JSONEncoder().encode(form)) as? [String: Any] ?? [:]
        object["body"] = Base64.encodePadded(Array(try JSONEncoder().encode(body)) + [0x20])
        return ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: object))
    }

    /// A `POST /v1/status` body: `AVAILABLE` at ``now``.
    var statusBody: PostSystemStatusBody {
        PostSystemStatusBody(
            status: SystemStatusEvent(status: "AVAILABLE", description: "ok", timestamp: hierarchy.now.rfc3339))
    }

    func json<T: Encodable>(_ value: T) throws -> ByteBuffer { ByteBuffer(bytes: try JSONEncoder().encode(value)) }

    /// A dead drop of `count` random messages signed by the CoverNode identity key.
    func deadDrop(_ kind: DeadDropKind, count: Int, offset: Duration = .zero) throws -> DeadDrop {
        try DeadDrop.sign(
            kind: kind, messages: (0..<count).map { _ in SecureRandom.bytes(kind.messageLength) },
            createdAt: hierarchy.now.adding(offset), epoch: kind == .journalist ? 4 : nil,
            with: hierarchy.coverNodeIdentity)
    }
}
