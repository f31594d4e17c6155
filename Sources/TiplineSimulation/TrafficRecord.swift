/// One HTTP exchange as a network observer sees its shape: method, endpoint and sizes, never the content.
public struct TrafficRecord: Hashable, Sendable, CustomStringConvertible {
    /// `GET` or `POST`.
    public let method: String
    /// Path and query, without scheme and host.
    public let endpoint: String
    /// Request body size in bytes.
    public let requestBytes: Int
    /// Response status, or `nil` when the request failed before an answer.
    public let status: Int?
    /// Response body size in bytes.
    public let responseBytes: Int

    /// Creates a record.
    public init(method: String, endpoint: String, requestBytes: Int, status: Int?, responseBytes: Int) {
        self.method = method
        self.endpoint = endpoint
        self.requestBytes = requestBytes
        self.status = status
        self.responseBytes = responseBytes
    }

    public var description: String {
        "\(method) \(endpoint) ↑\(requestBytes) ↓\(responseBytes) \(status.map(String.init) ?? "failed")"
    }
}
