public import HTTPTypes
public import Hummingbird
import TiplineServer

/// The one error type of `TiplineAPI`: every failure a client can cause, answered as CoverDrop does with
/// `{"error": "<message>"}` and the status of its ``code``.
///
/// Messages say what was wrong with the request; they never contain key material, message bytes or recipients.
public struct APIError: Error, HTTPResponseError, Sendable, Hashable, CustomStringConvertible {
    /// The kind of failure, which fixes the HTTP status.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        /// The HTTP status this code is answered with.
        public let status: HTTPResponse.Status

        /// 400: malformed JSON, base64, sizes, ids or query parameters.
        public static let badRequest = Code(status: .badRequest)
        /// 401: a signature, certificate or form validity check failed.
        public static let unauthorized = Code(status: .unauthorized)
        /// 404: the signing key or the record is unknown.
        public static let notFound = Code(status: .notFound)
        /// 409: the signed form was already used (replay).
        public static let conflict = Code(status: .conflict)
        /// 413: the request body is over the route's limit.
        public static let contentTooLarge = Code(status: .contentTooLarge)
        /// 429: the appender's queue is full.
        public static let tooManyRequests = Code(status: .tooManyRequests)
        /// 500: the store failed.
        public static let internalError = Code(status: .internalServerError)
        /// 503: the service is shutting down.
        public static let unavailable = Code(status: .serviceUnavailable)

        public var description: String { String(status.code) }
    }

    /// The kind of failure.
    public let code: Code
    /// What went wrong, without secrets.
    public let message: String

    /// Creates an error.
    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var status: HTTPResponse.Status { code.status }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        JSONResponse.error(status, message: message)
    }

    public var description: String { "\(code): \(message)" }
}
