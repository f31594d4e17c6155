/// Bodies of the signed forms of CoverDrop's API (`spec/PROTOCOL.md` §6.2), shared by servers and clients.
/// Key-upload endpoints whose body is a bare signed key use ``SignedPublicKeyJSON`` directly.

/// `POST /v1/public-keys/journalists` (signed by a journalist provisioning key): create or replace a profile.
public struct PostJournalistProfileBody: Codable, Hashable, Sendable {
    /// Journalist or desk id.
    public var id: String
    /// Name shown to readers.
    public var displayName: String
    /// Sort key.
    public var sortName: String
    /// Description (at most 40 bytes unless a desk).
    public var description: String
    /// Whether this is a desk.
    public var isDesk: Bool
    /// `VISIBLE`, `HIDDEN_FROM_UI` or `HIDDEN_FROM_RESPONSE`.
    public var status: String

    /// Creates a body.
    public init(id: String, displayName: String, sortName: String, description: String, isDesk: Bool, status: String) {
        self.id = id
        self.displayName = displayName
        self.sortName = sortName
        self.description = description
        self.isDesk = isDesk
        self.status = status
    }

    enum CodingKeys: String, CodingKey {
        case id
        case displayName = "display_name"
        case sortName = "sort_name"
        case description
        case isDesk = "is_desk"
        case status
    }
}

/// `PATCH /v1/public-keys/journalists/update-profile`: fields left `nil` stay unchanged.
public struct UpdateJournalistProfileBody: Codable, Hashable, Sendable {
    /// The journalist to update.
    public var journalistId: String
    /// New display name.
    public var displayName: String?
    /// New sort name.
    public var sortName: String?
    /// New desk flag.
    public var isDesk: Bool?
    /// New description.
    public var description: String?

    /// Creates a body.
    public init(
        journalistId: String, displayName: String? = nil, sortName: String? = nil, isDesk: Bool? = nil,
        description: String? = nil
    ) {
        self.journalistId = journalistId
        self.displayName = displayName
        self.sortName = sortName
        self.isDesk = isDesk
        self.description = description
    }

    enum CodingKeys: String, CodingKey {
        case journalistId = "journalist_id"
        case displayName = "display_name"
        case sortName = "sort_name"
        case isDesk = "is_desk"
        case description
    }
}

/// `PATCH /v1/public-keys/journalists/update-status` (signed by that journalist's identity key).
public struct UpdateJournalistStatusBody: Codable, Hashable, Sendable {
    /// The journalist.
    public var journalistId: String
    /// New status.
    public var status: String

    /// Creates a body.
    public init(journalistId: String, status: String) {
        self.journalistId = journalistId
        self.status = status
    }

    enum CodingKeys: String, CodingKey {
        case journalistId = "journalist_id"
        case status
    }
}

/// `POST /v1/public-keys/covernode/identity-public-key` (signed by a CoverNode provisioning key).
public struct PostCoverNodeIdentityKeyBody: Codable, Hashable, Sendable {
    /// `covernode_NNN`.
    public var covernodeId: String
    /// The certified identity key.
    public var covernodeIdPk: SignedPublicKeyJSON

    /// Creates a body.
    public init(covernodeId: String, covernodeIdPk: SignedPublicKeyJSON) {
        self.covernodeId = covernodeId
        self.covernodeIdPk = covernodeIdPk
    }

    enum CodingKeys: String, CodingKey {
        case covernodeId = "covernode_id"
        case covernodeIdPk = "covernode_id_pk"
    }
}

/// `POST /v1/public-keys/journalists/identity-public-key` (signed by a journalist provisioning key).
public struct PostJournalistIdentityKeyBody: Codable, Hashable, Sendable {
    /// The journalist.
    public var journalistId: String
    /// The certified identity key.
    public var journalistIdPk: SignedPublicKeyJSON
    /// Whether it comes from the rotation queue.
    public var fromQueue: Bool

    /// Creates a body.
    public init(journalistId: String, journalistIdPk: SignedPublicKeyJSON, fromQueue: Bool = false) {
        self.journalistId = journalistId
        self.journalistIdPk = journalistIdPk
        self.fromQueue = fromQueue
    }

    enum CodingKeys: String, CodingKey {
        case journalistId = "journalist_id"
        case journalistIdPk = "journalist_id_pk"
        case fromQueue = "from_queue"
    }
}

/// `POST /v1/status` (signed by an admin key): `{"status": {...}}`.
public struct PostSystemStatusBody: Codable, Hashable, Sendable {
    /// The new status event.
    public var status: SystemStatusEvent

    /// Creates a body.
    public init(status: SystemStatusEvent) { self.status = status }
}

/// A system status event as posted by the admin.
public struct SystemStatusEvent: Codable, Hashable, Sendable {
    /// One of ``SystemStatus/values``.
    public var status: String
    /// Free text for readers.
    public var description: String
    /// RFC 3339.
    public var timestamp: String

    /// Creates an event.
    public init(status: String, description: String, timestamp: String) {
        self.status = status
        self.description = description
        self.timestamp = timestamp
    }
}
