import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import Testing
import TiplineAPIClient
import TiplineCore

@testable import TiplineJournalistUI

/// What a browser does with the desk, through the router test client: it keeps the cookies the desk sets, sends
/// the Host header of the desk's address, and posts forms with the token of the page it last loaded.
struct DeskBrowser {
    let client: any TestClientProtocol
    var host = "127.0.0.1:\(DeskDeployment.deskPort)"
    private(set) var cookies: [String: String] = [:]

    init(client: any TestClientProtocol) { self.client = client }

    /// `GET path`.
    mutating func get(_ path: String) async throws -> TestResponse {
        try await send(path, method: .get, body: nil)
    }

    /// `POST path` with a URL-encoded form.
    mutating func post(_ path: String, _ fields: [(String, String)]) async throws -> TestResponse {
        let body = fields.map { "\(Self.encode($0.0))=\(Self.encode($0.1))" }.joined(separator: "&")
        return try await send(path, method: .post, body: body)
    }

    /// Loads `page` and posts `fields` with that page's form token, as a click on a form's button does.
    mutating func submit(
        _ path: String, on page: String = "/", _ fields: [(String, String)] = []
    ) async throws -> TestResponse {
        let token = try #require(Self.formToken(in: try await get(page)), "no form token on \(page)")
        return try await post(path, [("csrf", token)] + fields)
    }

    /// Unlocks the desk: loads the unlock screen and posts the passphrase with its token.
    @discardableResult
    mutating func unlock(_ passphrase: String = DeskDeployment.passphrase) async throws -> TestResponse {
        try await submit("/unlock", on: "/unlock", [("passphrase", passphrase)])
    }

    private mutating func send(_ path: String, method: HTTPRequest.Method, body: String?) async throws -> TestResponse {
        var headers: HTTPFields = [HTTPField.Name("Host")!: host]
        if !cookies.isEmpty {
            headers[.cookie] = cookies.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(
                separator: "; ")
        }
        if body != nil { headers[.contentType] = "application/x-www-form-urlencoded" }
        let response = try await client.execute(
            uri: path, method: method, headers: headers, body: body.map { ByteBuffer(string: $0) })
        for cookie in response.headers[values: .setCookie] {
            let pair = cookie.prefix { $0 != ";" }.split(separator: "=", maxSplits: 1)
            if pair.count == 2 { cookies[String(pair[0])] = String(pair[1]) }
        }
        return response
    }

    /// The first `name="csrf"` value of a page.
    static func formToken(in response: TestResponse) -> String? {
        let html = response.text
        guard let range = html.range(of: #"name="csrf" value=""#) else { return nil }
        return String(html[range.upperBound...].prefix { $0 != "\"" })
    }

    private static func encode(_ text: String) -> String {
        let unreserved = CharacterSet(
            charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~")
        return text.addingPercentEncoding(withAllowedCharacters: unreserved) ?? ""
    }
}

extension TestResponse {
    /// The body as text.
    var text: String { String(buffer: body) }

    /// The `Location` of a redirect.
    var location: String? { headers[.location] }
}

extension DeskDeployment {
    /// The port the desk believes it listens on (the router tests never bind it).
    static let deskPort = 8088

    /// Runs `body` against a locked desk on this deployment's vault and API, then stops the desk's service.
    func withDesk(
        _ configure: (inout DeskSettings) -> Void = { _ in },
        _ body: @escaping @Sendable (Desk, DeskBrowser) async throws -> Void
    ) async throws {
        var settings = DeskSettings(vaultPath: vaultPath, apiURL: api.baseURL)
        settings.port = Self.deskPort
        configure(&settings)
        let logger = Logger(label: "desk-tests") { _ in SwiftLogNoOpLogHandler() }
        let desk = Desk(settings: settings, clock: clock, logger: logger)
        let app = try await buildDeskApplication(desk: desk, logger: logger)
        do {
            try await app.test(.router) { client in try await body(desk, DeskBrowser(client: client)) }
        } catch {
            await desk.shutdown()
            throw error
        }
        await desk.shutdown()
    }
}
