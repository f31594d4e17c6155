import TiplineCore

/// The inner form body of an identity-key rotation request: `{"new_pk": {"key": hex}}`, signed by the current
/// identity key (`spec/PROTOCOL.md` §4.7).
struct IdentityKeyRotationBody: Codable, Sendable {
    var newPk: UnsignedPublicKeyJSON

    enum CodingKeys: String, CodingKey { case newPk = "new_pk" }
}

/// The outer form body posted to the API's rotation queue: `{"form": <inner signed form>}`.
struct QueuedIdentityKeyFormBody: Codable, Sendable {
    var form: SignedForm
}
