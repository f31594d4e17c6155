import Foundation
import Hummingbird
import NIOCore

/// The fields of an `application/x-www-form-urlencoded` request body (what HTML forms post).
struct FormBody: Sendable {
    /// Largest body accepted: a reply is at most 510 compressed bytes, so even very compressible text stays far
    /// below this.
    static let limit = 256 * 1024

    private var fields: [String: String] = [:]

    /// Parses `name=value&…`; `+` is a space; a field that is not valid percent-encoding is dropped, and only
    /// the first occurrence of a name counts.
    init(urlEncoded text: String) {
        for pair in text.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = Self.decode(parts[0]), fields[name] == nil else { continue }
            fields[name] = parts.count > 1 ? Self.decode(parts[1]) : ""
        }
    }

    /// Reads and parses a request's body.
    /// - Throws: ``DeskError`` `.badRequest` when the body is too large or not UTF-8.
    static func read(_ request: Request) async throws -> FormBody {
        let buffer: ByteBuffer
        do {
            buffer = try await request.body.collect(upTo: limit)
        } catch {
            throw DeskError(.badRequest, "The form is too large.")
        }
        guard let text = String(validating: buffer.readableBytesView, as: UTF8.self) else {
            throw DeskError(.badRequest, "The form is not valid UTF-8.")
        }
        return FormBody(urlEncoded: text)
    }

    /// The value of a field.
    subscript(_ name: String) -> String? { fields[name] }

    private static func decode(_ part: Substring) -> String? {
        part.replacingOccurrences(of: "+", with: " ").removingPercentEncoding
    }
}
