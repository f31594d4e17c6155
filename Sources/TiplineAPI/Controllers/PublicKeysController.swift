import HTTPTypes
import Hummingbird
import TiplineCore
import TiplineServer
import TiplineStorage

/// `GET /v1/public-keys`, the identity-key lookup, and the identity-key rotation queue (`spec/PROTOCOL.md` §6.2.2).
struct PublicKeysController: Sendable {
    let dependencies: APIDependencies

    func addRoutes(to router: Router<BasicRequestContext>) {
        router.get("/v1/public-keys") { request, _ in try await publicKeys(request) }
        router.get("/v1/public-keys/journalists/identity-public-key/:pk_hex") { request, context in
            try await identityKey(request, hex: context.parameters.get("pk_hex") ?? "")
        }
        IdentityRotationQueueController(dependencies: dependencies).addRoutes(to: router)
    }

    /// Profiles hidden from the response are left out; their keys stay in `keys`. The default journalist is
    /// published only when it has a verified identity key.
    private func publicKeys(_ request: Request) async throws -> Response {
        let keys = try await dependencies.keys()
        let profiles = try await dependencies.store.profiles()
            .filter { $0.status != "HIDDEN_FROM_RESPONSE" }
            .compactMap(\.wire)
        let defaultId = dependencies.settings.defaultJournalistId.flatMap { keys.hasJournalist($0) ? $0 : nil }
        let body = PublicKeysResponse(
            journalistProfiles: profiles, defaultJournalistId: defaultId, keys: keys.families,
            maxEpoch: keys.snapshot.maxEpoch)
        return try CachedJSON.response(body, maxAge: 60, request: request)
    }

    /// `{"epoch", "key"}` for a stored journalist identity key (exact lowercase hex), else `null`.
    private func identityKey(_ request: Request, hex: String) async throws -> Response {
        let row = try await dependencies.store.key(ofKeyHex: hex, role: .journalistIdentity)
        let body = row.flatMap { row in row.epoch.map { JournalistIdentityKeyWithEpoch(epoch: $0, key: row.json) } }
        return try CachedJSON.response(body, maxAge: 60, request: request)
    }
}
