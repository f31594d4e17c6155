import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing
import TiplineAPI
import TiplineCore
import TiplineStorage
import TiplineTestSupport

@Suite struct JournalistMessageTests {
    @Test func signedMessagesGoToTheJournalistStreamOnce() async throws {
        try await APIHarness.withSeededRouter { harness, keys, client in
            let message = SecureRandom.bytes(MessageStream.journalistToCoverNode.messageLength)
            let text = Base64.encodeUnpadded(message)
            try await client.send(
                .post, "/v1/journalist-messages", keys.form(text, by: keys.journalistIdentity), expecting: .ok)
            // The same message in a new form (padded this time) is accepted and not stored twice.
            try await client.send(
                .post, "/v1/journalist-messages",
                keys.form(Base64.encodePadded(message), by: keys.journalistIdentity, offset: .seconds(1)),
                expecting: .ok)
            let stored = try await harness.store.read(.journalistToCoverNode, after: 0, limit: 10)
            #expect(stored.map { [UInt8]($0.message) } == [message])
        }
    }

    @Test func wrongSizesBadBase64AndWrongSignersAreRefused() async throws {
        try await APIHarness.withSeededRouter { harness, keys, client in
            let short = Base64.encodeUnpadded(SecureRandom.bytes(729))
            try await client.send(
                .post, "/v1/journalist-messages", keys.form(short, by: keys.journalistIdentity), expecting: .badRequest,
                error: "a message is 730 bytes, got 729")
            try await client.send(
                .post, "/v1/journalist-messages",
                keys.form("not base64!", by: keys.journalistIdentity, offset: .seconds(1)), expecting: .badRequest,
                error: "the message is not valid base64")
            let message = Base64.encodeUnpadded(SecureRandom.bytes(730))
            try await client.send(
                .post, "/v1/journalist-messages", keys.form(message, by: keys.journalistProvisioning),
                expecting: .unauthorized)
            let stranger = try SigningKeyPair<Role.JournalistIdentity>.generate()
            try await client.send(
                .post, "/v1/journalist-messages", keys.form(message, by: stranger), expecting: .notFound)
            #expect(try await harness.store.read(.journalistToCoverNode, after: 0, limit: 10).isEmpty)
        }
    }
}
