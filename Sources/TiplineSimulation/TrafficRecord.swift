/// One HTTP exchange as a network observer sees its shape: method, endpoint and sizes, never the content.
package struct TrafficRecord: Hashable, Sendable, CustomStringConvertible {
    /// `GET` or `POST`.
    package let method: String
    /// Path and query, without scheme and host.
    package let endpoint: String
    /// Request body size in bytes.
    package let requestBytes: Int
    /// Response status, or `nil` when the request failed before an answer.
    package let status: Int?
    /// Response body size in bytes.
    package let responseBytes: Int

    /// Creates a record.
    package init(method: String, endpoint: String, requestBytes: Int, status: Int?, responseBytes: Int) {
        self.method = method
        self.endpoint = endpoint
        self.requestBytes = requestBytes
        self.status = status
        self.responseBytes = responseBytes
    }

    package var description: String {
        "\(method) \(endpoint) ↑\(requestBytes) ↓\(responseBytes) \(status.map(String.init) ?? "failed")"
    }
}
