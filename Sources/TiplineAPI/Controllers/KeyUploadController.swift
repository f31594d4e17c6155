import HTTPTypes
import Hummingbird
import TiplineCore
import TiplineServer
import TiplineStorage

/// The signed key uploads of `spec/PROTOCOL.md` §6.2.2: provisioning keys (organisation forms), identity keys
/// (provisioning forms) and messaging keys (identity forms). Identity and messaging uploads answer with the key's
/// epoch as a bare JSON integer; re-uploading a stored key answers with its existing epoch.
struct KeyUploadController: Sendable {
    let dependencies: APIDependencies

    func addRoutes(to router: Router<BasicRequestContext>) {
        router.post("/v1/public-keys/covernode/provisioning-public-key") { request, _ in
            try await provisioningKey(request, as: Role.CoverNodeProvisioning.self, role: .coverNodeProvisioning)
        }
        router.post("/v1/public-keys/journalists/provisioning-public-key") { request, _ in
            try await provisioningKey(request, as: Role.JournalistProvisioning.self, role: .journalistProvisioning)
        }
        router.post("/v1/public-keys/covernode/identity-public-key") { request, _ in
            try await coverNodeIdentityKey(request)
        }
        router.post("/v1/public-keys/journalists/identity-public-key") { request, _ in
            try await journalistIdentityKey(request)
        }
        router.post("/v1/public-keys/covernode/messaging-public-key") { request, _ in
            try await dependencies.signed(request, by: .coverNodeIdentity) { form in
                let signers = form.keys.verified.coverNodes[form.owner ?? ""]?.map(\.identityKey) ?? []
                return try await messagingKey(
                    form, as: Role.CoverNodeMessaging.self, role: .coverNodeMessaging, signers: signers)
            }
        }
        router.post("/v1/public-keys/journalists/messaging-public-key") { request, _ in
            try await dependencies.signed(request, by: .journalistIdentity) { form in
                let signers = form.keys.verified.identityKeys(forJournalist: form.owner ?? "")
                return try await messagingKey(
                    form, as: Role.JournalistMessaging.self, role: .journalistMessaging, signers: signers)
            }
        }
    }

    /// CoverDrop refuses a new provisioning key while the previous one of its kind is younger than 26 weeks.
    private func provisioningKey<R: KeyRole>(
        _ request: Request, as: R.Type, role: PublishedKeyRole
    ) async throws
        -> Response
    {
        try await dependencies.signed(request, by: .organization) { form in
            let key = try KeyUpload.parse(form, as: SigningPublicKey<R>.self)
            let parent = try KeyUpload.certifier(of: key, among: form.keys.verified.organizationKeys, in: form.keys)
            let store = dependencies.store
            if try await store.key(ofKeyHex: key.key.hex, role: role) == nil,
                let last = try await store.latestAddedAt(role: role),
                form.keys.now.duration(since: Timestamp(microseconds: last))
                    < dependencies.settings.minProvisioningRotation
            {
                throw APIError(.badRequest, "key has been rotated too recently")
            }
            _ = try await store.insert(
                key.publishedKey(role: role, parent: parent.key.bytes, owner: nil, now: form.keys.now))
            return .emptyOK
        }
    }

    /// A CoverNode identity key; the same key re-uploaded for the same CoverNode answers with its stored epoch even
    /// with the form that stored it, so a CoverNode whose answer was lost learns its key's own epoch by re-sending
    /// its setup bundle's form.
    private func coverNodeIdentityKey(_ request: Request) async throws -> Response {
        try await dependencies.signed(request, by: .coverNodeProvisioning, answeringStored: storedCoverNodeIdentity) {
            form in
            let (owner, key) = try Self.coverNodeIdentity(in: form)
            let parent = try KeyUpload.certifier(
                of: key, among: form.keys.verified.coverNodeProvisioningKeys, in: form.keys)
            return try await insert(key, role: .coverNodeIdentity, parent: parent.key.bytes, owner: owner, form)
        }
    }

    /// The stored epoch of the form's CoverNode identity key when the store holds exactly that key (same
    /// certificate and expiry) for the same CoverNode; `nil` otherwise.
    private func storedCoverNodeIdentity(_ form: AuthenticatedForm) async throws -> Response? {
        let (owner, key) = try Self.coverNodeIdentity(in: form)
        guard let stored = try await dependencies.store.key(ofKeyHex: key.key.hex, role: .coverNodeIdentity),
            stored.ownerId == owner, stored.certificateHex == key.certificate.hex,
            stored.notValidAfterMicros == key.notValidAfter.microseconds, let epoch = stored.epoch
        else { return nil }
        return try JSONResponse.make(epoch)
    }

    /// The CoverNode id and identity key of a `PostCoverNodeIdentityKeyBody` form; 400 when malformed.
    private static func coverNodeIdentity(
        in form: AuthenticatedForm
    ) throws -> (owner: String, key: SignedPublicKey<SigningPublicKey<Role.CoverNodeIdentity>>) {
        let body = try form.decode(PostCoverNodeIdentityKeyBody.self)
        guard CoverNodeID.isValid(body.covernodeId) else {
            throw APIError(.badRequest, "covernode_id must be covernode_ followed by three digits")
        }
        return (
            body.covernodeId, try KeyUpload.key(body.covernodeIdPk, as: SigningPublicKey<Role.CoverNodeIdentity>.self)
        )
    }

    private func journalistIdentityKey(_ request: Request) async throws -> Response {
        try await dependencies.signed(request, by: .journalistProvisioning) { form in
            let body = try form.decode(PostJournalistIdentityKeyBody.self)
            let key = try KeyUpload.key(body.journalistIdPk, as: SigningPublicKey<Role.JournalistIdentity>.self)
            let parent = try KeyUpload.certifier(
                of: key, among: form.keys.verified.journalistProvisioningKeys, in: form.keys)
            guard try await dependencies.store.profiles().contains(where: { $0.id == body.journalistId }) else {
                throw APIError(.notFound, "journalist profile not found")
            }
            if body.fromQueue {
                try await IdentityRotationQueueController.requireQueued(
                    key.key.hex, journalistId: body.journalistId, in: form, store: dependencies.store)
            }
            let response = try await insert(
                key, role: .journalistIdentity, parent: parent.key.bytes, owner: body.journalistId, form)
            if body.fromQueue {
                try await dependencies.store.dequeueIdentityRotation(
                    journalistId: body.journalistId, newKeyHex: key.key.hex)
            }
            return response
        }
    }

    private func messagingKey<R: KeyRole, S>(
        _ form: AuthenticatedForm, as: R.Type, role: PublishedKeyRole,
        signers: [SignedPublicKey<SigningPublicKey<S>>]
    ) async throws -> Response {
        let key = try KeyUpload.parse(form, as: EncryptionPublicKey<R>.self)
        let parent = try KeyUpload.certifier(of: key, among: signers, in: form.keys)
        return try await insert(key, role: role, parent: parent.key.bytes, owner: form.owner, form)
    }

    /// Stores the key and answers with its epoch; a key already registered to another owner is a 400.
    private func insert<K>(
        _ key: SignedPublicKey<K>, role: PublishedKeyRole, parent: [UInt8], owner: String?,
        _ form: AuthenticatedForm
    ) async throws -> Response {
        if let existing = try await dependencies.store.key(ofKeyHex: key.key.hex, role: role), existing.ownerId != owner
        {
            throw APIError(.badRequest, "the key is registered to another owner")
        }
        let row = key.publishedKey(role: role, parent: parent, owner: owner, now: form.keys.now)
        guard let epoch = try await dependencies.store.insert(row) else {
            throw APIError(.internalError, "the store assigned no epoch")
        }
        return try JSONResponse.make(epoch)
    }
}
