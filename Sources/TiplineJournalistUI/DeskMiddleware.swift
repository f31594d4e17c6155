import HTTPTypes
import Hummingbird
import Logging

/// The first thing every request meets: the Host check against DNS rebinding, errors turned into pages, and the
/// security headers on every response (pages, static files, redirects and errors alike).
struct DeskMiddleware<Context: RequestContext>: RouterMiddleware {
    let desk: Desk
    let pages: Pages

    /// Headers of every response: a strict Content-Security-Policy (only this origin's CSS and script, no
    /// framing, forms only to this origin), nothing cached, no MIME sniffing, no referrer.
    static var securityHeaders: HTTPFields {
        [
            .contentSecurityPolicy:
                "default-src 'none'; style-src 'self'; script-src 'self'; connect-src 'self'; img-src 'self'; "
                + "form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
            .cacheControl: "no-store",
            .xContentTypeOptions: "nosniff",
            .referrerPolicy: "no-referrer",
            .xFrameOptions: "DENY",
        ]
    }

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        var response: Response
        if Self.hostIsAllowed(request, port: await desk.port) {
            do {
                response = try await next(request, context)
            } catch let error as DeskError {
                response = errorPage(status: error.code.status, message: error.message)
            } catch let error as HTTPError where error.status == .notFound {
                response = errorPage(status: .notFound, message: "There is no such page.")
            } catch let error as HTTPError {
                response = errorPage(status: error.status, message: "The request could not be handled.")
            } catch {
                context.logger.error("desk request failed", metadata: ["error": "\(type(of: error))"])
                response = errorPage(status: .internalServerError, message: "Something went wrong.")
            }
        } else {
            response = Pages.text(
                "Misdirected request: this desk only answers to http://127.0.0.1 and http://localhost.",
                status: .misdirectedRequest)
        }
        for field in Self.securityHeaders { response.headers[field.name] = field.value }
        return response
    }

    /// Whether the Host is exactly `127.0.0.1:PORT` or `localhost:PORT`: a page of another site whose name was
    /// rebound to 127.0.0.1 sends its own name and is refused. The Host header fields are checked when present
    /// (more than one is refused), otherwise the request's authority.
    static func hostIsAllowed(_ request: Request, port: Int) -> Bool {
        let fields = request.headers[values: .host]
        let hosts = fields.isEmpty ? [request.head.authority].compactMap { $0 } : fields
        guard hosts.count == 1, let host = hosts.first?.lowercased() else { return false }
        return host == "127.0.0.1:\(port)" || host == "localhost:\(port)"
    }

    private func errorPage(status: HTTPResponse.Status, message: String) -> Response {
        let page = Page(
            title: status == .forbidden ? "Refused" : "Error", unlocked: false, csrf: "", alerts: [message],
            autoLockSeconds: 0, current: CurrentPage(), content: ErrorContent(status: status.code))
        return pages.html("error", page, status: status)
    }
}

extension HTTPField.Name {
    /// `Host` (HTTPTypes models it as the `:authority` pseudo-header, but HTTP/1.1 requests may carry it).
    static let host = constant("Host")
    /// `Referrer-Policy`.
    static let referrerPolicy = constant("Referrer-Policy")
    /// `X-Frame-Options`.
    static let xFrameOptions = constant("X-Frame-Options")

    /// A field name written in this file: valid by construction, so a failure is a typo caught by the first test.
    private static func constant(_ name: String) -> HTTPField.Name {
        guard let field = HTTPField.Name(name) else { fatalError("invalid HTTP field name literal \(name)") }
        return field
    }
}

/// The error page's content.
struct ErrorContent {
    let status: Int
}
