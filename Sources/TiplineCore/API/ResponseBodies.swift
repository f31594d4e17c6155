/// `GET /v1/status`: `{"status", "is_available", "description", "timestamp"}`.
public struct SystemStatus: Codable, Hashable, Sendable {
    /// The values CoverDrop defines.
    public static let values = [
        "AVAILABLE", "UNAVAILABLE", "DEGRADED_PERFORMANCE", "SCHEDULED_MAINTENANCE", "NO_INFORMATION",
    ]

    /// One of ``values``.
    public var status: String
    /// Whether apps may offer messaging (AVAILABLE or DEGRADED_PERFORMANCE).
    public var isAvailable: Bool
    /// Free text.
    public var description: String
    /// RFC 3339.
    public var timestamp: String

    /// Creates a status; `isAvailable` is derived from `status`.
    public init(status: String, description: String, timestamp: String) {
        self.status = status
        self.isAvailable = status == "AVAILABLE" || status == "DEGRADED_PERFORMANCE"
        self.description = description
        self.timestamp = timestamp
    }

    enum CodingKeys: String, CodingKey {
        case status
        case isAvailable = "is_available"
        case description, timestamp
    }
}

/// `GET /v1/healthcheck`: `{"name", "status", "commit", "branch"}`.
public struct HealthCheck: Codable, Hashable, Sendable {
    /// Service name (`api`, `u2j-appender`, `covernode`).
    public var name: String
    /// Always `ok` when the service answers.
    public var status: String
    /// Build commit, if known.
    public var commit: String?
    /// Build branch, if known.
    public var branch: String?

    /// Creates a health check body.
    public init(name: String, status: String = "ok", commit: String? = nil, branch: String? = nil) {
        self.name = name
        self.status = status
        self.commit = commit
        self.branch = branch
    }

    /// Encodes every field, an unknown commit or branch as `null`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(name, forKey: .name)
        try container.encode(status, forKey: .status)
        try container.encode(commit, forKey: .commit)
        try container.encode(branch, forKey: .branch)
    }
}

/// `{"error": "..."}`: every application error of the API.
public struct APIErrorBody: Codable, Hashable, Sendable {
    /// What went wrong, without secrets.
    public var error: String
    /// Creates an error body.
    public init(error: String) { self.error = error }
}
