import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import TiplineCore
import TiplineServer

/// GET responses a CDN can cache and revalidate: `Cache-Control: max-age=N` as CoverDrop sets it, a strong
/// `ETag` over the body bytes, and `304 Not Modified` when `If-None-Match` already names it.
enum CachedJSON {
    static func response<T: Encodable>(_ value: T, maxAge: Int, request: Request) throws -> Response {
        let body = try JSONResponse.encode(value)
        let tag = "\"" + Hex.encode(Array(Hashing.sha256(Array(body.readableBytesView)).prefix(16))) + "\""
        let headers: HTTPFields = [.cacheControl: "max-age=\(maxAge)", .eTag: tag]
        if matches(request.headers[values: .ifNoneMatch], tag: tag) {
            return Response(status: .notModified, headers: headers)
        }
        return JSONResponse.make(body: body, headers: headers)
    }

    /// RFC 9110 §13.1.2: `*` or any listed tag equal under weak comparison (a `W/` prefix is ignored).
    private static func matches(_ values: [String], tag: String) -> Bool {
        values.flatMap { $0.split(separator: ",") }.contains { candidate in
            let trimmed = candidate.trimmingCharacters(in: .whitespaces)
            let entity = trimmed.hasPrefix("W/") ? String(trimmed.dropFirst(2)) : trimmed
            return entity == "*" || entity == tag
        }
    }
}
