import Foundation
import HTTPTypes
import Hummingbird
import TiplineCore
import TiplineStorage

/// `POST /v1/journalist-messages` (`spec/PROTOCOL.md` §6.2.5): a journalist identity form whose body is a JSON
/// string holding the base64 of one 730-byte J2C message, appended to the journalist → CoverNode stream.
/// A wrong size is a 400 (CoverDrop's handler panics); a message already in the stream is not stored twice.
struct JournalistMessageController: Sendable {
    let dependencies: APIDependencies

    func addRoutes(to router: Router<BasicRequestContext>) {
        router.post("/v1/journalist-messages") { request, _ in
            try await dependencies.signed(request, by: .journalistIdentity) { form in
                let message = try MessageText.decode(
                    form.decode(String.self), length: MessageStream.journalistToCoverNode.messageLength)
                try await dependencies.store.append(
                    .journalistToCoverNode, [message], receivedAtMicros: dependencies.clock.now().microseconds)
                return Response.emptyOK
            }
        }
    }
}

/// Base64 text of one fixed-size message.
enum MessageText {
    /// Decodes padded or unpadded base64 of exactly `length` bytes; 400 otherwise.
    static func decode(_ text: String, length: Int) throws -> Data {
        let bytes: [UInt8]
        do {
            bytes = try Base64.decode(text)
        } catch {
            throw APIError(.badRequest, "the message is not valid base64")
        }
        guard bytes.count == length else {
            throw APIError(.badRequest, "a message is \(length) bytes, got \(bytes.count)")
        }
        return Data(bytes)
    }
}
