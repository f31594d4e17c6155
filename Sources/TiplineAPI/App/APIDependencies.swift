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

    /// Reads the request's signed form (within the form body limit), authenticates it as signed by `signer` and
    /// runs `handle` with the form's first use recorded: before `handle` writes anything, so that of two requests
    /// with one form only one writes, and given back when `handle` fails, so that a failed request leaves the form
    /// usable.
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

    /// Authenticates `form`, answers from `stored` when it can (see ``signed(_:by:answeringStored:_:)``), records
    /// the form's first use (409 when it was recorded before) and runs `handle`, forgetting the use when it fails.
    func signed(
        _ form: SignedForm, by signer: FormSigner,
        answeringStored stored: ((AuthenticatedForm) async throws -> Response?)? = nil,
        _ handle: (AuthenticatedForm) async throws -> Response
    ) async throws -> Response {
        let authenticator = authenticator
        let authenticated = try await authenticator.authenticate(form, as: signer, checkingReplay: stored == nil)
        if let stored, let answer = try await stored(authenticated) { return answer }
        try await authenticator.recordUse(of: form)
        do {
            return try await handle(authenticated)
        } catch {
            // Give the form back; should that fail too, the form stays used (it may be refused, never run twice).
            try? await authenticator.forgetUse(of: form)
            throw error
        }
    }

    /// The current hierarchy, verified (or reused from the cache) now.
    func keys() async throws -> KeyView { try await hierarchy.view(now: clock.now()) }
}

extension Response {
    /// CoverDrop's answer to a successful mutating call: 200 with an empty body.
    static var emptyOK: Response { Response(status: .ok, headers: [.contentLength: "0"]) }
}
