import Foundation
package import HTTPTypes
package import Hummingbird
import NIOCore
import TiplineCore

/// JSON responses in CoverDrop's shapes: deterministic bytes (sorted keys, unescaped slashes), so equal content
/// always has an equal ETag, and errors as `{"error": "..."}`.
package enum JSONResponse {
    /// The encoder of every JSON body a Tipline service sends.
    package static func encode<T: Encodable>(_ value: T) throws -> ByteBuffer {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return ByteBuffer(bytes: try encoder.encode(value))
    }

    /// A JSON response with `status` and extra `headers`.
    package static func make<T: Encodable>(
        _ value: T, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]
    ) throws
        -> Response
    {
        let body = try encode(value)
        return make(body: body, status: status, headers: headers)
    }

    /// A response with an already encoded JSON `body`.
    package static func make(body: ByteBuffer, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) -> Response
    {
        var fields = headers
        fields[.contentType] = "application/json"
        fields[.contentLength] = String(body.readableBytes)
        return Response(status: status, headers: fields, body: ResponseBody(byteBuffer: body))
    }

    /// `{"error": message}` with `status`.
    package static func error(_ status: HTTPResponse.Status, message: String, headers: HTTPFields = [:]) -> Response {
        // Encoding a struct of one string cannot fail; fall back to an empty body rather than trap.
        let body = (try? encode(APIErrorBody(error: message))) ?? ByteBuffer()
        return make(body: body, status: status, headers: headers)
    }
}
