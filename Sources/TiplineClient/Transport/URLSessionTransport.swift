public import Foundation

#if canImport(FoundationNetworking)
public import FoundationNetworking
import TiplineCore
#endif

/// The default ``HTTPTransport``: an ephemeral `URLSession` with no URL cache, no cookie storage and no credential
/// storage, so nothing about the reader's requests is kept on disk by the HTTP layer.
public struct URLSessionTransport: HTTPTransport {
    private let session: URLSession

    /// Creates a transport with its own ephemeral session.
    public init(timeout: TimeInterval = 30) {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.urlCache = nil
        configuration.httpCookieStorage = nil
        configuration.httpShouldSetCookies = false
        configuration.urlCredentialStorage = nil
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        configuration.timeoutIntervalForRequest = timeout
        self.init(session: URLSession(configuration: configuration))
    }

    /// Uses a session the app configured (for example with DNS over HTTPS or certificate pinning).
    public init(session: URLSession) { self.session = session }

    /// `GET url` accepting JSON; any status is returned, transport failures are thrown.
    public func get(_ url: URL) async throws -> HTTPResponse {
        var request = URLRequest(url: url)
        request.setValue("application/json", forHTTPHeaderField: "Accept")
        return try await perform(request)
    }

    /// `POST url` with a JSON body; any status is returned, transport failures are thrown.
    public func postJSON(_ url: URL, body: Data) async throws -> HTTPResponse {
        var request = URLRequest(url: url)
        request.httpMethod = "POST"
        request.httpBody = body
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        request.setValue("application/json", forHTTPHeaderField: "Accept")
        return try await perform(request)
    }

    private func perform(_ request: URLRequest) async throws -> HTTPResponse {
        let (data, response) = try await session.data(for: request)
        guard let http = response as? HTTPURLResponse else {
            throw ClientError(.network, "the server's answer is not HTTP")
        }
        return HTTPResponse(status: http.statusCode, body: data)
    }
}
