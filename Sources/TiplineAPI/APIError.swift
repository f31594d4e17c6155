package import HTTPTypes
package import Hummingbird
import TiplineServer

/// The one error type of `TiplineAPI`: every failure a client can cause, answered as CoverDrop does with
/// `{"error": "<message>"}` and the status of its ``code``.
///
/// Messages say what was wrong with the request; they never contain key material, message bytes or recipients.
package struct APIError: Error, HTTPResponseError, Sendable, Hashable, CustomStringConvertible {
    /// The kind of failure, which fixes the HTTP status.
    package struct Code: Hashable, Sendable, CustomStringConvertible {
        /// The HTTP status this code is answered with.
        package let status: HTTPResponse.Status

        /// 400: malformed JSON, base64, sizes, ids or query parameters.
        package static let badRequest = Code(status: .badRequest)
        /// 401: a signature, certificate or form validity check failed.
        package static let unauthorized = Code(status: .unauthorized)
        /// 404: the signing key or the record is unknown.
        package static let notFound = Code(status: .notFound)
        /// 409: the signed form was already used (replay).
        package static let conflict = Code(status: .conflict)
        /// 413: the request body is over the route's limit.
        package static let contentTooLarge = Code(status: .contentTooLarge)
        /// 429: the appender's queue is full.
        package static let tooManyRequests = Code(status: .tooManyRequests)
        /// 500: the store failed.
        package static let internalError = Code(status: .internalServerError)
        /// 503: the service is shutting down, or its disk is full.
        package static let unavailable = Code(status: .serviceUnavailable)

        package var description: String { String(status.code) }
    }

    /// The kind of failure.
    package let code: Code
    /// What went wrong, without secrets.
    package let message: String

    /// Creates an error.
    package init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    /// 503 for a request the store refused because its disk is full (`StorageError` `diskFull`): nothing of it was
    /// stored, and the same request may succeed later. No path or database detail reaches the client.
    package static let storageFull = APIError(.unavailable, "Storage is full, try again later")

    package var status: HTTPResponse.Status { code.status }

    package func response(from request: Request, context: some RequestContext) throws -> Response {
        JSONResponse.error(status, message: message)
    }

    package var description: String { "\(code): \(message)" }
}
