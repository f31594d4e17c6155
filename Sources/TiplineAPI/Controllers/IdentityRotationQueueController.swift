import Foundation
import HTTPTypes
import Hummingbird
import TiplineCore
import TiplineServer
import TiplineStorage

/// The journalist identity-key rotation queue (`spec/PROTOCOL.md` §4.7, §6.2.2). A journalist posts an outer form
/// signed by its current identity key wrapping an inner form, signed by the same key, that names the new key; the
/// certifier (CoverDrop's identity API) reads the queue, certifies the key with a provisioning key and uploads it
/// with `from_queue: true`, which removes the entry. One entry per journalist; a new request replaces the old.
struct IdentityRotationQueueController: Sendable {
    let dependencies: APIDependencies

    static let path = "/v1/public-keys/journalists/identity-public-key-form"

    func addRoutes(to router: Router<BasicRequestContext>) {
        router.get(RouterPath(Self.path)) { request, _ in try await queued(request) }
        router.post(RouterPath(Self.path)) { request, _ in try await enqueue(request) }
    }

    /// `[{"journalist_id", "form"}]`: the unexpired inner forms, `max-age=5` as CoverDrop.
    private func queued(_ request: Request) async throws -> Response {
        let entries = try await dependencies.store.queuedIdentityRotations(
            nowMicros: dependencies.clock.now().microseconds)
        let body = try entries.map { entry in
            guard let form = try? JSONDecoder().decode(SignedForm.self, from: entry.form) else {
                throw APIError(.internalError, "a queued identity-key form could not be read back")
            }
            return QueuedJournalistIdentityKeyForm(journalistId: entry.journalistId, form: form)
        }
        return try CachedJSON.response(body, maxAge: 5, request: request)
    }

    /// Checks both forms and queues the inner one. The outer form goes through the usual checks (signer, lifetime,
    /// replay); the inner one must be signed by the same key, be valid now within the online lifetime cap, and
    /// name a well-formed key that is neither published nor queued by another journalist.
    private func enqueue(_ request: Request) async throws -> Response {
        let outer = try await RequestBody.decode(
            SignedForm.self, from: request, limit: dependencies.settings.formBodyLimit)
        return try await dependencies.signed(outer, by: .journalistIdentity) { form in
            guard let journalistId = form.owner,
                let signer = form.keys.verified.identityKeys(forJournalist: journalistId).first(where: {
                    $0.key.bytes == outer.signingKey
                })
            else { throw APIError(.internalError, "the authenticated signer is not in the hierarchy") }
            let inner = try form.decode(RotateJournalistIdentityKeyFormBody.self).form
            guard inner.signingKey == outer.signingKey else {
                throw APIError(
                    .unauthorized, "the inner form must be signed by the same identity key as the outer form")
            }
            let innerBody: [UInt8]
            do {
                innerBody = try inner.verify(
                    signer: signer, policy: FormSigner.journalistIdentity.policy, now: form.keys.now)
            } catch let error as TiplineCoreError {
                throw APIError(.unauthorized, "inner form: \(error.message)")
            }
            let newKey = try Self.newKey(RequestBody.decode(RotateJournalistIdentityKeyBody.self, from: innerBody))
            guard !form.keys.isStored(newKey.bytes) else {
                throw APIError(.badRequest, "the new identity key is already published")
            }
            let store = dependencies.store
            let now = form.keys.now.microseconds
            if try await store.queuedIdentityRotations(nowMicros: now).contains(where: {
                $0.newKeyHex == newKey.hex && $0.journalistId != journalistId
            }) {
                throw APIError(.badRequest, "the new identity key is queued by another journalist")
            }
            try await store.pruneExpiredIdentityRotations(nowMicros: now)
            try await store.enqueueIdentityRotation(
                QueuedIdentityRotation(
                    journalistId: journalistId, newKeyHex: newKey.hex, form: try JSONEncoder().encode(inner),
                    expiresAtMicros: inner.notValidAfter.microseconds))
            return .emptyOK
        }
    }

    private static func newKey(
        _ body: RotateJournalistIdentityKeyBody
    ) throws -> SigningPublicKey<Role.JournalistIdentity> {
        do {
            return try SigningPublicKey(hex: body.newPk.key)
        } catch let error as TiplineCoreError {
            throw APIError(.badRequest, "invalid new_pk: \(error.message)")
        }
    }

    /// For `POST …/identity-public-key` with `from_queue: true`: the key must be the one the journalist queued
    /// (and whose request has not expired); 400 otherwise.
    static func requireQueued(
        _ keyHex: String, journalistId: String, in form: AuthenticatedForm, store: any TiplineStore
    )
        async throws
    {
        let queued = try await store.queuedIdentityRotations(nowMicros: form.keys.now.microseconds)
        guard queued.contains(where: { $0.journalistId == journalistId && $0.newKeyHex == keyHex }) else {
            throw APIError(.badRequest, "no queued identity-key rotation of this journalist is for this key")
        }
    }
}
