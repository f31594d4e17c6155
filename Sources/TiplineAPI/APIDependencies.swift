import Foundation
import HTTPTypes
import Hummingbird
import TiplineCore
import TiplineServer
import TiplineStorage

/// What the route handlers share: settings, the store, the trust anchors, the clock and the verified hierarchy.
struct APIDependencies: Sendable {
    let settings: APISettings
    let store: any TiplineStore
    let anchors: [SignedPublicKey<SigningPublicKey<Role.Organization>>]
    let clock: any WallClock
    let logLevel: LogLevelControl
    let hierarchy: VerifiedHierarchyCache

    init(
        settings: APISettings, store: any TiplineStore, anchors: [SignedPublicKey<SigningPublicKey<Role.Organization>>],
        clock: any WallClock, logLevel: LogLevelControl
    ) {
        self.settings = settings
        self.store = store
        self.anchors = anchors
        self.clock = clock
        self.logLevel = logLevel
        hierarchy = VerifiedHierarchyCache(store: store, anchors: anchors)
    }

    var authenticator: FormAuthenticator { FormAuthenticator(store: store, hierarchy: hierarchy, clock: clock) }

    /// Reads the request's signed form (within the form body limit), authenticates it as signed by `signer`, runs
    /// `handle`, and only when `handle` succeeded records the form as used (a failed request leaves it usable).
    ///
    /// With `stored`, a request the store already carried out is answered again: `stored` runs once the form is
    /// authenticated but before the replay check, and its answer (when not `nil`) is the response, so that a client
    /// whose answer was lost can re-send the same form (`spec/PROTOCOL.md` §4.6: re-uploading a stored key answers
    /// with its epoch). It must only read.
    func signed(
        _ request: Request, by signer: FormSigner,
        answeringStored stored: ((AuthenticatedForm) async throws -> Response?)? = nil,
        _ handle: (AuthenticatedForm) async throws -> Response
    ) async throws -> Response {
        let form = try await RequestBody.decode(SignedForm.self, from: request, limit: settings.formBodyLimit)
        return try await signed(form, by: signer, answeringStored: stored, handle)
    }

    /// Authenticates `form`, answers from `stored` when it can (see ``signed(_:by:answeringStored:_:)``), runs
    /// `handle`, then records the form as used; 409 when a concurrent request with the same form recorded it first.
    func signed(
        _ form: SignedForm, by signer: FormSigner,
        answeringStored stored: ((AuthenticatedForm) async throws -> Response?)? = nil,
        _ handle: (AuthenticatedForm) async throws -> Response
    ) async throws -> Response {
        let authenticator = authenticator
        let authenticated = try await authenticator.authenticate(form, as: signer, checkingReplay: stored == nil)
        if let stored {
            if let answer = try await stored(authenticated) { return answer }
            try await authenticator.requireUnused(form)
        }
        let response = try await handle(authenticated)
        try await authenticator.recordUse(of: form)
        return response
    }

    /// The current hierarchy, verified (or reused from the cache) now.
    func keys() async throws -> KeyView { try await hierarchy.view(now: clock.now()) }
}

extension Response {
    /// CoverDrop's answer to a successful mutating call: 200 with an empty body.
    static var emptyOK: Response { Response(status: .ok, headers: [.contentLength: "0"]) }
}
