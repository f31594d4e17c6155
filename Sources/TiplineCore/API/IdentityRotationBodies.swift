/// The journalist identity-key rotation queue of `spec/PROTOCOL.md` §4.7 and §6.2.2, shared by the API, the
/// certifier that plays CoverDrop's identity API, and clients.

/// The inner form body of a rotation request, signed by the journalist's current identity key:
/// `{"new_pk": {"key": hex}}` (CoverDrop's `RotateJournalistIdPublicKeyBody`).
public struct RotateJournalistIdentityKeyBody: Codable, Hashable, Sendable {
    /// The new, not yet certified, identity public key.
    public var newPk: UnsignedPublicKeyJSON

    /// Creates a body.
    public init(newPk: UnsignedPublicKeyJSON) { self.newPk = newPk }

    enum CodingKeys: String, CodingKey { case newPk = "new_pk" }
}

/// The outer form body posted to `POST /v1/public-keys/journalists/identity-public-key-form`, signed by the same
/// identity key as the inner form it wraps: `{"form": <inner signed form>}`.
public struct RotateJournalistIdentityKeyFormBody: Codable, Hashable, Sendable {
    /// The inner form, whose body is a ``RotateJournalistIdentityKeyBody``.
    public var form: SignedForm

    /// Creates a body.
    public init(form: SignedForm) { self.form = form }
}

/// One entry of `GET /v1/public-keys/journalists/identity-public-key-form`: `{"journalist_id", "form"}`, where
/// `form` is the inner form the journalist queued.
public struct QueuedJournalistIdentityKeyForm: Codable, Hashable, Sendable {
    /// The journalist who queued the form (the owner of its signing key when it was queued).
    public var journalistId: String
    /// The inner form, whose body is a ``RotateJournalistIdentityKeyBody``.
    public var form: SignedForm

    /// Creates an entry.
    public init(journalistId: String, form: SignedForm) {
        self.journalistId = journalistId
        self.form = form
    }

    enum CodingKeys: String, CodingKey {
        case journalistId = "journalist_id"
        case form
    }
}

/// `GET /v1/public-keys/journalists/identity-public-key/{pk_hex}`: a stored journalist identity key and its epoch
/// (`null` when the API does not have it). A rotating journalist polls it to learn its certified key's epoch.
public struct JournalistIdentityKeyWithEpoch: Codable, Hashable, Sendable {
    /// The epoch assigned when the key was stored.
    public var epoch: Int32
    /// The certified key.
    public var key: SignedPublicKeyJSON

    /// Creates a response.
    public init(epoch: Int32, key: SignedPublicKeyJSON) {
        self.epoch = epoch
        self.key = key
    }
}
