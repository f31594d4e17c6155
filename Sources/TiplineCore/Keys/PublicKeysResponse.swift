/// The body of `GET /v1/public-keys`, in CoverDrop's JSON shape (`spec/PROTOCOL.md` §4.4, §6.2.2).
///
/// Keys are kept as their JSON strings so that one malformed entry drops only its own subtree during
/// verification (see ``VerifiedKeys``) instead of failing the whole response.
public struct PublicKeysResponse: Codable, Hashable, Sendable {
    /// Journalist and desk profiles (unsigned; presentation only).
    public var journalistProfiles: [JournalistProfile]
    /// The journalist preselected by apps, when it has keys.
    public var defaultJournalistId: String?
    /// The key hierarchy, one family per organisation key.
    public var keys: [OrganizationFamily]
    /// The highest epoch of any key in the hierarchy.
    public var maxEpoch: Int32

    /// Creates a response.
    public init(
        journalistProfiles: [JournalistProfile], defaultJournalistId: String?, keys: [OrganizationFamily],
        maxEpoch: Int32
    ) {
        self.journalistProfiles = journalistProfiles
        self.defaultJournalistId = defaultJournalistId
        self.keys = keys
        self.maxEpoch = maxEpoch
    }

    enum CodingKeys: String, CodingKey {
        case journalistProfiles = "journalist_profiles"
        case defaultJournalistId = "default_journalist_id"
        case keys
        case maxEpoch = "max_epoch"
    }

    /// Encodes the wire JSON, with an explicit `null` `default_journalist_id` as CoverDrop sends it.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(journalistProfiles, forKey: .journalistProfiles)
        try container.encode(defaultJournalistId, forKey: .defaultJournalistId)  // explicit null, as CoverDrop
        try container.encode(keys, forKey: .keys)
        try container.encode(maxEpoch, forKey: .maxEpoch)
    }

    /// One organisation key and everything it certifies.
    public struct OrganizationFamily: Codable, Hashable, Sendable {
        /// The organisation key (must equal a trust anchor).
        public var orgPk: SignedPublicKeyJSON
        /// CoverNode provisioning keys and the CoverNodes under them.
        public var covernodes: [CoverNodeProvisioningFamily]
        /// Journalist provisioning keys and the journalists under them.
        public var journalists: [JournalistProvisioningFamily]
        /// Backup keys (optional for readers).
        public var backup: [IdentityFamily]?

        /// Creates a family.
        public init(
            orgPk: SignedPublicKeyJSON, covernodes: [CoverNodeProvisioningFamily],
            journalists: [JournalistProvisioningFamily], backup: [IdentityFamily]? = nil
        ) {
            self.orgPk = orgPk
            self.covernodes = covernodes
            self.journalists = journalists
            self.backup = backup
        }

        enum CodingKeys: String, CodingKey {
            case orgPk = "org_pk"
            case covernodes, journalists, backup
        }
    }

    /// A CoverNode provisioning key and the CoverNode identities it certified, by CoverNode id.
    public struct CoverNodeProvisioningFamily: Codable, Hashable, Sendable {
        /// The provisioning key.
        public var provisioningPk: SignedPublicKeyJSON
        /// `covernode_001` → identity families.
        public var covernodes: [String: [IdentityFamily]]

        /// Creates a family.
        public init(provisioningPk: SignedPublicKeyJSON, covernodes: [String: [IdentityFamily]]) {
            self.provisioningPk = provisioningPk
            self.covernodes = covernodes
        }

        enum CodingKeys: String, CodingKey {
            case provisioningPk = "provisioning_pk"
            case covernodes
        }
    }

    /// A journalist provisioning key and the journalist identities it certified, by journalist id.
    public struct JournalistProvisioningFamily: Codable, Hashable, Sendable {
        /// The provisioning key.
        public var provisioningPk: SignedPublicKeyJSON
        /// Journalist id → identity families.
        public var journalists: [String: [IdentityFamily]]

        /// Creates a family.
        public init(provisioningPk: SignedPublicKeyJSON, journalists: [String: [IdentityFamily]]) {
            self.provisioningPk = provisioningPk
            self.journalists = journalists
        }

        enum CodingKeys: String, CodingKey {
            case provisioningPk = "provisioning_pk"
            case journalists
        }
    }

    /// An identity key and the messaging keys it certified.
    public struct IdentityFamily: Codable, Hashable, Sendable {
        /// The identity key.
        public var idPk: SignedPublicKeyJSON
        /// Its messaging keys.
        public var msgPks: [SignedPublicKeyJSON]

        /// Creates a family.
        public init(idPk: SignedPublicKeyJSON, msgPks: [SignedPublicKeyJSON]) {
            self.idPk = idPk
            self.msgPks = msgPks
        }

        enum CodingKeys: String, CodingKey {
            case idPk = "id_pk"
            case msgPks = "msg_pks"
        }
    }
}

/// A journalist or desk as published in `GET /v1/public-keys`.
public struct JournalistProfile: Codable, Hashable, Sendable {
    /// Identifier (the recipient tag is derived from it).
    public var id: String
    /// Name shown to readers.
    public var displayName: String
    /// Sort key.
    public var sortName: String
    /// Short description (at most 40 bytes unless a desk).
    public var description: String
    /// Whether this is a desk rather than a person.
    public var isDesk: Bool
    /// Hex of the recipient tag.
    public var tag: String
    /// `VISIBLE`, `HIDDEN_FROM_UI` or `HIDDEN_FROM_RESPONSE`.
    public var status: String

    /// Creates a profile; the tag is derived from `id`.
    public init(
        id: String, displayName: String, sortName: String, description: String, isDesk: Bool, status: String
    )
        throws
    {
        self.id = id
        self.displayName = displayName
        self.sortName = sortName
        self.description = description
        self.isDesk = isDesk
        self.tag = try RecipientTag(journalistId: id).hex
        self.status = status
    }

    enum CodingKeys: String, CodingKey {
        case id
        case displayName = "display_name"
        case sortName = "sort_name"
        case description
        case isDesk = "is_desk"
        case tag, status
    }
}
