/// The one error type of `TiplineAPIClient`.
public struct APIClientError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What kind of failure.
    public enum Code: Hashable, Sendable {
        /// The server could not be reached or the connection broke.
        case unreachable
        /// The server answered with a non-success status.
        case status(Int)
        /// The server's answer could not be decoded.
        case invalidResponse
    }

    /// The kind of failure.
    public let code: Code
    /// A description without secrets (the server's `{"error"}` text when it sent one).
    public let message: String

    /// Creates an error.
    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    /// The HTTP status, for `.status` errors.
    public var status: Int? {
        if case .status(let status) = code { return status }
        return nil
    }

    /// Whether retrying later may succeed (transport failures, 429 and 5xx).
    public var isRetryable: Bool {
        switch code {
        case .unreachable: true
        case .status(let status): status == 429 || status >= 500
        case .invalidResponse: false
        }
    }

    public var description: String {
        switch code {
        case .unreachable: "API unreachable: \(message)"
        case .status(let status): "API answered \(status): \(message)"
        case .invalidResponse: "invalid API response: \(message)"
        }
    }
}
