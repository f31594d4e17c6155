import Foundation
import HTTPTypes
import Hummingbird
import Mustache
import NIOCore

/// The templates and static files (resources of this target) and the responses made from them.
struct Pages: Sendable {
    private let library: MustacheLibrary
    private let styleSheet: ByteBuffer
    private let script: ByteBuffer

    /// Loads the templates and static files from the target's resources.
    /// - Throws: ``DeskError`` when they are missing or a template does not parse.
    static func load() async throws -> Pages {
        guard let resources = Bundle.module.resourcePath else {
            throw DeskError(.failed, "the desk's templates are missing")
        }
        let library: MustacheLibrary
        do {
            library = try await MustacheLibrary(directory: resources + "/Templates")
        } catch {
            throw DeskError(.failed, "a desk template does not parse: \(error)")
        }
        func file(_ name: String) throws -> ByteBuffer {
            guard let data = FileManager.default.contents(atPath: resources + "/Static/" + name) else {
                throw DeskError(.failed, "the desk's \(name) is missing")
            }
            return ByteBuffer(bytes: data)
        }
        return Pages(library: library, styleSheet: try file("app.css"), script: try file("app.js"))
    }

    /// An HTML page rendered from `template`.
    func html<Content>(_ template: String, _ page: Page<Content>, status: HTTPResponse.Status = .ok) -> Response {
        guard let html = library.render(page, withTemplate: template) else {
            return Self.text("The page \(template) is missing.", status: .internalServerError)
        }
        return Response(
            status: status, headers: [.contentType: "text/html; charset=utf-8"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: html)))
    }

    /// `/static/app.css`.
    var styleSheetResponse: Response {
        Response(
            status: .ok, headers: [.contentType: "text/css; charset=utf-8"], body: ResponseBody(byteBuffer: styleSheet))
    }

    /// `/static/app.js`.
    var scriptResponse: Response {
        Response(
            status: .ok, headers: [.contentType: "text/javascript; charset=utf-8"],
            body: ResponseBody(byteBuffer: script))
    }

    /// A plain-text response.
    static func text(_ text: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(
            status: status, headers: [.contentType: "text/plain; charset=utf-8"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: text + "\n")))
    }

    /// `303 See Other` to `location` (after a POST, or to the unlock screen).
    static func redirect(to location: String) -> Response {
        Response(status: .seeOther, headers: [.location: location])
    }
}
