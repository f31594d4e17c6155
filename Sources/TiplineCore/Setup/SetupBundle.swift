/// What the offline key ceremony (`tipline admin`) hands to a new journalist or CoverNode: the keys it needs
/// and the pre-signed forms that register it with the API on first start. Stored as JSON, mode 0600, and
/// deleted by the recipient once processed.
public struct JournalistSetupBundle: Codable, Sendable {
    /// The journalist or desk id.
    public var journalistId: String
    /// The organisation keys the recipient trusts.
    public var trustAnchors: [SignedPublicKeyJSON]
    /// The journalist's identity key pair, certified by a journalist provisioning key.
    public var identityKeyPair: KeyPairJSON
    /// `POST /v1/public-keys/journalists` form (profile), signed by the provisioning key.
    public var registerProfileForm: SignedForm
    /// `POST /v1/public-keys/journalists/identity-public-key` form, signed by the provisioning key.
    public var uploadIdentityKeyForm: SignedForm

    /// Creates a bundle.
    public init(
        journalistId: String, trustAnchors: [SignedPublicKeyJSON], identityKeyPair: KeyPairJSON,
        registerProfileForm: SignedForm, uploadIdentityKeyForm: SignedForm
    ) {
        self.journalistId = journalistId
        self.trustAnchors = trustAnchors
        self.identityKeyPair = identityKeyPair
        self.registerProfileForm = registerProfileForm
        self.uploadIdentityKeyForm = uploadIdentityKeyForm
    }

    enum CodingKeys: String, CodingKey {
        case journalistId = "journalist_id"
        case trustAnchors = "trust_anchors"
        case identityKeyPair = "identity_key_pair"
        case registerProfileForm = "register_profile_form"
        case uploadIdentityKeyForm = "upload_identity_key_form"
    }
}

/// The CoverNode's counterpart of ``JournalistSetupBundle``.
public struct CoverNodeSetupBundle: Codable, Sendable {
    /// `covernode_001`.
    public var covernodeId: String
    /// The organisation keys the CoverNode trusts.
    public var trustAnchors: [SignedPublicKeyJSON]
    /// The CoverNode's identity key pair, certified by a CoverNode provisioning key.
    public var identityKeyPair: KeyPairJSON
    /// `POST /v1/public-keys/covernode/identity-public-key` form, signed by the provisioning key.
    public var uploadIdentityKeyForm: SignedForm

    /// Creates a bundle.
    public init(
        covernodeId: String, trustAnchors: [SignedPublicKeyJSON], identityKeyPair: KeyPairJSON,
        uploadIdentityKeyForm: SignedForm
    ) {
        self.covernodeId = covernodeId
        self.trustAnchors = trustAnchors
        self.identityKeyPair = identityKeyPair
        self.uploadIdentityKeyForm = uploadIdentityKeyForm
    }

    enum CodingKeys: String, CodingKey {
        case covernodeId = "covernode_id"
        case trustAnchors = "trust_anchors"
        case identityKeyPair = "identity_key_pair"
        case uploadIdentityKeyForm = "upload_identity_key_form"
    }
}
