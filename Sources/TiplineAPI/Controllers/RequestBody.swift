import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// Reading request bodies with a per-route size limit, and JSON decoding with CoverDrop-style 400s.
enum RequestBody {
    /// The whole body, or 413 when it is longer than `limit` bytes (checked on `Content-Length` first, then while
    /// reading, so an oversized body is never buffered).
    static func collect(_ request: Request, limit: Int) async throws -> ByteBuffer {
        if let declared = request.headers[.contentLength].flatMap({ Int($0) }), declared > limit {
            throw tooLarge(limit)
        }
        do {
            return try await request.body.collect(upTo: limit)
        } catch is NIOTooManyBytesError {
            throw tooLarge(limit)
        }
    }

    /// Decodes JSON; any failure is a 400 naming the field at fault (never its value).
    static func decode<T: Decodable>(_ type: T.Type, from bytes: some Sequence<UInt8>) throws -> T {
        do {
            return try JSONDecoder().decode(type, from: Data(bytes))
        } catch let error as DecodingError {
            throw APIError(.badRequest, "Failed to parse json: \(describe(error))")
        } catch {
            throw APIError(.badRequest, "Failed to parse json")
        }
    }

    /// Collects and decodes.
    static func decode<T: Decodable>(_ type: T.Type, from request: Request, limit: Int) async throws -> T {
        let buffer = try await collect(request, limit: limit)
        return try decode(type, from: buffer.readableBytesView)
    }

    private static func tooLarge(_ limit: Int) -> APIError {
        APIError(.contentTooLarge, "request body is larger than \(limit) bytes")
    }

    private static func describe(_ error: DecodingError) -> String {
        func path(_ codingPath: [any CodingKey]) -> String {
            let text = codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
            return text.isEmpty ? "the top level" : "'\(text)'"
        }
        switch error {
        case .keyNotFound(let key, let context): return "missing field \(path(context.codingPath + [key]))"
        case .valueNotFound(_, let context): return "missing value at \(path(context.codingPath))"
        case .typeMismatch(_, let context): return "wrong type at \(path(context.codingPath))"
        case .dataCorrupted(let context) where context.codingPath.isEmpty: return "malformed JSON"
        case .dataCorrupted(let context): return "invalid value at \(path(context.codingPath))"
        @unknown default: return "malformed JSON"
        }
    }
}
