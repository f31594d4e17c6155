import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import TiplineCore
import TiplineStorage

/// CoverDrop's U2J appender (`spec/PROTOCOL.md` §6.3), served by the API app: `POST /user/messages` (no `/v1`) with
/// a JSON string holding padded or unpadded base64 of one 773-byte message; any `Content-Type`.
///
/// 200 means the message is durably in the stream (see ``MessageBatcher``); a duplicate is not stored again and
/// still gets 200. Malformed JSON, bad base64 and a wrong size are 400 (CoverDrop panics on a wrong size), an
/// oversized body 413, a full queue 429.
struct AppenderController: Sendable {
    let batcher: MessageBatcher
    let bodyLimit: Int

    func addRoutes(to router: Router<BasicRequestContext>) {
        router.post("/user/messages") { request, _ in
            let body = try await RequestBody.collect(request, limit: bodyLimit)
            try await batcher.submit(Self.message(in: body))
            return Response.emptyOK
        }
    }

    /// The message inside `"<base64>"`. The common form (no escapes) is sliced directly; anything else goes through
    /// a JSON decoder, so `"\/"` escapes and surrounding whitespace are accepted as JSON allows.
    static func message(in body: ByteBuffer) throws -> Data {
        let bytes = body.readableBytesView
        let whitespace: Set<UInt8> = [0x20, 0x09, 0x0A, 0x0D]
        let start = bytes.firstIndex { !whitespace.contains($0) } ?? bytes.endIndex
        let end = (bytes.lastIndex { !whitespace.contains($0) }).map { bytes.index(after: $0) } ?? bytes.startIndex
        let quote = UInt8(ascii: "\"")
        let text: String
        if start < end, end - start >= 2, bytes[start] == quote, bytes[end - 1] == quote,
            !bytes[(start + 1)..<(end - 1)].contains(UInt8(ascii: "\\"))
        {
            text = String(decoding: bytes[(start + 1)..<(end - 1)], as: UTF8.self)
        } else {
            text = try RequestBody.decode(String.self, from: bytes)
        }
        return try MessageText.decode(text, length: MessageStream.userToCoverNode.messageLength)
    }
}
