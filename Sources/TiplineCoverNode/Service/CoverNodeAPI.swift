package import TiplineAPIClient
package import TiplineCore

/// The calls the CoverNode makes to the API: it only pulls keys and pushes dead drops and key uploads.
///
/// ``APIClient`` is the implementation over HTTP; a benchmark or an embedded deployment may supply another.
package protocol CoverNodeAPI: Sendable {
    /// `GET /v1/public-keys`.
    func publicKeys() async throws -> PublicKeysResponse
    /// `POST /v1/{user|journalist}/dead-drops`; must be idempotent for byte-identical dead drops.
    func publish(_ deadDrop: DeadDrop) async throws
    /// POSTs a key-upload form and returns the key's epoch.
    func submitKeyUpload(_ form: SignedForm, to path: String) async throws -> Int32
    /// Whether the API stores `deadDrop` byte for byte (data and signature) among the newest of its kind; asked
    /// after the API refused it, before the release is forgotten.
    func isStored(_ deadDrop: DeadDrop) async throws -> Bool
}

extension CoverNodeAPI {
    /// Implementations that cannot look a dead drop up answer `false`: the release is then forgotten and mixed again.
    package func isStored(_ deadDrop: DeadDrop) async throws -> Bool { false }
}

extension APIClient: CoverNodeAPI {
    /// Looks among the newest dead drops of the kind (`recent-summary`, then one page from the oldest of them). The
    /// dead drop of an interrupted release is among them: a restart publishes it before anything else.
    package func isStored(_ deadDrop: DeadDrop) async throws -> Bool {
        guard let oldest = try await recentDeadDrops(deadDrop.kind).map(\.id).min() else { return false }
        let newest = try await deadDrops(deadDrop.kind, idsGreaterThan: oldest > .min ? oldest - 1 : oldest)
        return newest.contains { $0.deadDrop.data == deadDrop.data && $0.deadDrop.signature == deadDrop.signature }
    }
}

/// The API paths the CoverNode uploads its keys to.
enum CoverNodeAPIPath {
    /// Identity key, in a form signed by a CoverNode provisioning key (from the setup bundle).
    static let identityKey = "/v1/public-keys/covernode/identity-public-key"
    /// Messaging key, in a form signed by the CoverNode's identity key.
    static let messagingKey = "/v1/public-keys/covernode/messaging-public-key"
}

extension Error {
    /// Whether the API refused the request for good: a 4xx other than 429. Transport errors, 429 and 5xx may
    /// succeed on retry, and so may errors of other ``CoverNodeAPI`` implementations.
    var isDefinitiveRejection: Bool {
        guard let error = self as? APIClientError, error.status != nil else { return false }
        return !error.isRetryable
    }
}
