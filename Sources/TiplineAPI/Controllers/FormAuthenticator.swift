import Foundation
import TiplineCore
import TiplineStorage

/// The roles that sign CoverDrop's forms, each with the lifetime cap it is held to.
enum FormSigner: Sendable {
    case organization, coverNodeProvisioning, journalistProvisioning, coverNodeIdentity, journalistIdentity, admin

    /// Offline ceremony keys may sign bundle forms (4 weeks); online keys are held to CoverDrop's 1-hour default.
    var policy: SignedForm.Policy {
        switch self {
        case .organization, .coverNodeProvisioning, .journalistProvisioning: .ceremony
        case .coverNodeIdentity, .journalistIdentity, .admin: .online
        }
    }
}

/// A form whose signature, validity and freshness were checked.
struct AuthenticatedForm: Sendable {
    /// The signed body bytes.
    let body: [UInt8]
    /// The signer's CoverNode or journalist id, for identity signers.
    let owner: String?
    /// The hierarchy the form was checked against.
    let keys: KeyView

    /// The body as `T`; 400 when it is not.
    func decode<T: Decodable>(_ type: T.Type) throws -> T { try RequestBody.decode(type, from: body) }
}

/// Checks signed forms (`spec/PROTOCOL.md` §6.1) and what CoverDrop does not: a lifetime cap, a bound on
/// `created_at`, and single use.
///
/// Cheap checks come first, so that junk costs no key lookup and no signature check: the form's validity window
/// and lifetime cap (no key needed), then the replay lookup, then the verified hierarchy (cached per version of the
/// stored keys, see ``VerifiedHierarchyCache``) and the signature. ``APIDependencies/signed(_:by:answeringStored:_:)``
/// records a form's first use (``recordUse(of:)``) before its request writes anything, so that two requests with one
/// form never both write, and forgets it (``forgetUse(of:)``) when the request fails, so that a failed request does
/// not burn a single-use form.
///
/// Status codes: 401 when the form is expired, created in the future or longer-lived than its role may sign; 409
/// when the same form (same signature) was accepted before; 404 when no stored key has the signer's bytes; 401 when
/// the signer is stored but expired, not chained to a trust anchor or of another role, or when the signature fails.
struct FormAuthenticator: Sendable {
    let store: any TiplineStore
    let hierarchy: VerifiedHierarchyCache
    let clock: any WallClock

    /// Checks `form` as signed by `role`; without `checkingReplay` the caller leaves the replay to ``recordUse(of:)``,
    /// after answering a repeated request the store already carried out.
    func authenticate(
        _ form: SignedForm, as role: FormSigner, checkingReplay: Bool = true
    ) async throws -> AuthenticatedForm {
        let now = clock.now()
        do {
            try form.checkValidityWindow(policy: role.policy, now: now)
        } catch let error as TiplineCoreError {
            throw APIError(.unauthorized, error.message)
        }
        if checkingReplay {
            guard try await !store.isUsed(signature: Data(form.signature.bytes)) else { throw Self.replayed }
        }
        let keys = try await hierarchy.view(now: now)
        let signed = form.signingKey
        var owner: String?
        let body: [UInt8]
        switch role {
        case .organization:
            body = try verify(form, keys.verified.organizationKeys.first { $0.key.bytes == signed }, role, keys)
        case .coverNodeProvisioning:
            body = try verify(
                form, keys.verified.coverNodeProvisioningKeys.first { $0.key.bytes == signed }, role, keys)
        case .journalistProvisioning:
            body = try verify(
                form, keys.verified.journalistProvisioningKeys.first { $0.key.bytes == signed }, role, keys)
        case .admin:
            body = try verify(form, keys.adminKeys.first { $0.key.bytes == signed }, role, keys)
        case .coverNodeIdentity:
            let match = Self.identity(signed, in: keys.verified.coverNodes)
            owner = match?.owner
            body = try verify(form, match?.key, role, keys)
        case .journalistIdentity:
            let match = Self.identity(signed, in: keys.verified.journalists)
            owner = match?.owner
            body = try verify(form, match?.key, role, keys)
        }
        return AuthenticatedForm(body: body, owner: owner, keys: keys)
    }

    /// Records the first use of `form` before its request writes; 409 when it was recorded before (an earlier or
    /// concurrent request with the same form).
    func recordUse(of form: SignedForm) async throws {
        let firstUse = try await store.recordFirstUse(
            signature: Data(form.signature.bytes), expiresAtMicros: form.notValidAfter.microseconds)
        guard firstUse else { throw Self.replayed }
    }

    /// Forgets the use of `form` recorded by ``recordUse(of:)`` when its request failed: the form can be sent again.
    func forgetUse(of form: SignedForm) async throws {
        try await store.forgetUse(signature: Data(form.signature.bytes))
    }

    private static var replayed: APIError { APIError(.conflict, "this signed form was already used") }

    private func verify<R>(
        _ form: SignedForm, _ signer: SignedPublicKey<SigningPublicKey<R>>?, _ role: FormSigner, _ keys: KeyView
    ) throws -> [UInt8] {
        guard let signer else {
            if keys.isStored(form.signingKey) {
                throw APIError(.unauthorized, "the signing key is expired, untrusted or not allowed to sign this form")
            }
            throw APIError(.notFound, "Signing key not found")
        }
        do {
            return try form.verify(signer: signer, policy: role.policy, now: keys.now)
        } catch let error as TiplineCoreError {
            throw APIError(.unauthorized, error.message)
        }
    }

    private static func identity<I, M>(
        _ key: [UInt8], in owners: [String: [VerifiedKeys.Identity<I, M>]]
    )
        -> (owner: String, key: SignedPublicKey<SigningPublicKey<I>>)?
    {
        for (owner, identities) in owners {
            if let identity = identities.first(where: { $0.identityKey.key.bytes == key }) {
                return (owner, identity.identityKey)
            }
        }
        return nil
    }
}
