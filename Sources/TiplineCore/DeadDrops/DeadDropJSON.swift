/// The dead-drop JSON of CoverDrop's API (`spec/PROTOCOL.md` §5.3): one shape for POST bodies and list items.
/// `id` is absent in POST bodies; `epoch` is present only for journalist dead drops.
public struct DeadDropJSON: Codable, Hashable, Sendable {
    /// Server-assigned id (lists only).
    public var id: Int32?
    /// RFC 3339 creation time.
    public var createdAt: String
    /// Base64 of the data (unpadded when emitted).
    public var data: String
    /// Hex of the signature.
    public var signature: String
    /// Journalist dead drops only.
    public var epoch: Int32?

    /// Creates the JSON form.
    public init(id: Int32?, createdAt: String, data: String, signature: String, epoch: Int32?) {
        self.id = id
        self.createdAt = createdAt
        self.data = data
        self.signature = signature
        self.epoch = epoch
    }

    enum CodingKeys: String, CodingKey {
        case id
        case createdAt = "created_at"
        case data, signature, epoch
    }

    /// Encodes the wire JSON; `id` and `epoch` are left out when absent.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(id, forKey: .id)
        try container.encode(createdAt, forKey: .createdAt)
        try container.encode(data, forKey: .data)
        try container.encode(signature, forKey: .signature)
        try container.encodeIfPresent(epoch, forKey: .epoch)
    }

    /// Parses into a ``DeadDrop`` of `kind`, checking encodings and shape.
    public func deadDrop(kind: DeadDropKind) throws -> DeadDrop {
        try DeadDrop(
            kind: kind, data: Base64.decode(data), createdAt: Timestamp(rfc3339: createdAt),
            signature: Signature(hex: signature), epoch: epoch)
    }
}

extension DeadDrop {
    /// The JSON form, with `id` for list responses.
    public func json(id: Int32? = nil) -> DeadDropJSON {
        DeadDropJSON(
            id: id, createdAt: createdAt.rfc3339, data: Base64.encodeUnpadded(data), signature: signature.hex,
            epoch: epoch)
    }
}

/// `{"dead_drops": [...]}`: the body of `GET /v1/{user|journalist}/dead-drops`.
public struct DeadDropListJSON: Codable, Hashable, Sendable {
    /// The dead drops, ascending by id.
    public var deadDrops: [DeadDropJSON]

    /// Creates a list.
    public init(deadDrops: [DeadDropJSON]) { self.deadDrops = deadDrops }

    enum CodingKeys: String, CodingKey { case deadDrops = "dead_drops" }
}

/// One entry of `GET /v1/{user|journalist}/dead-drops/recent-summary` (note CoverDrop's camelCase here).
public struct DeadDropSummaryJSON: Codable, Hashable, Sendable {
    /// Dead-drop id.
    public var id: Int32
    /// RFC 3339 creation time.
    public var createdAt: String

    /// Creates an entry.
    public init(id: Int32, createdAt: String) {
        self.id = id
        self.createdAt = createdAt
    }
}
