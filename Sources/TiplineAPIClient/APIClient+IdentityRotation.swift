import NIOHTTP1
package import TiplineCore

extension APIClient {
    /// `GET /v1/public-keys/journalists/identity-public-key-form`: the unexpired identity-key rotation requests.
    /// Their signatures are for the caller to verify.
    package func journalistIdentityKeyQueue() async throws -> [QueuedJournalistIdentityKeyForm] {
        try decode(
            [QueuedJournalistIdentityKeyForm].self,
            await send(.GET, "/v1/public-keys/journalists/identity-public-key-form"))
    }

    /// `GET /v1/public-keys/journalists/identity-public-key/{pk_hex}`: the stored identity key with these bytes and
    /// its epoch, or `nil` when the API does not have it.
    package func journalistIdentityKey(
        _ key: SigningPublicKey<Role.JournalistIdentity>
    ) async throws -> JournalistIdentityKeyWithEpoch? {
        try decode(
            JournalistIdentityKeyWithEpoch?.self,
            await send(.GET, "/v1/public-keys/journalists/identity-public-key/\(key.hex)"))
    }
}
