import HTTPTypes
import Hummingbird
import TiplineCore
import TiplineServer
import TiplineStorage

/// What the route handlers share: settings, the store, the trust anchors and the clock.
struct APIDependencies: Sendable {
    let settings: APISettings
    let store: any TiplineStore
    let anchors: [SignedPublicKey<SigningPublicKey<Role.Organization>>]
    let clock: any WallClock
    let logLevel: LogLevelControl

    var authenticator: FormAuthenticator { FormAuthenticator(store: store, anchors: anchors, clock: clock) }

    /// Reads the request's signed form (within the form body limit) and authenticates it as signed by `signer`.
    func form(_ request: Request, signedBy signer: FormSigner) async throws -> AuthenticatedForm {
        let form = try await RequestBody.decode(SignedForm.self, from: request, limit: settings.formBodyLimit)
        return try await authenticator.authenticate(form, as: signer)
    }

    /// The current hierarchy, verified now.
    func keys() async throws -> KeyView { try await KeyView.load(store: store, anchors: anchors, now: clock.now()) }
}

extension Response {
    /// CoverDrop's answer to a successful mutating call: 200 with an empty body.
    static var emptyOK: Response { Response(status: .ok, headers: [.contentLength: "0"]) }
}
