public import Foundation

/// How the client talks HTTP. Injected so that an app can supply its own stack (DNS over HTTPS, pinning) and tests
/// can observe traffic; ``URLSessionTransport`` is the default.
///
/// Implementations must not keep caches, cookies or logs: everything the client fetches is already cached by the
/// client itself, identically for every installation.
public protocol HTTPTransport: Sendable {
    /// `GET url`; any status is returned, transport failures are thrown.
    func get(_ url: URL) async throws -> HTTPResponse
    /// `POST url` with a JSON body (`Content-Type` and `Accept: application/json`).
    func postJSON(_ url: URL, body: Data) async throws -> HTTPResponse
}

/// A status code and a body.
public struct HTTPResponse: Sendable {
    /// The HTTP status code.
    public let status: Int
    /// The body bytes.
    public let body: Data

    /// Creates a response.
    public init(status: Int, body: Data) {
        self.status = status
        self.body = body
    }

    /// Whether the status is 2xx.
    public var isSuccess: Bool { (200..<300).contains(status) }
}
