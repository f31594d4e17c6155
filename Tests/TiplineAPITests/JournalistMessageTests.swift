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
        let harness = try APIHarness()
        let keys = harness.keys
        try await harness.withSeededRouter { client in
            let message = SecureRandom.bytes(MessageStream.journalistToCoverNode.messageLength)
            let text = Base64.encodeUnpadded(message)
            let first = try await client.send(
                .post, "/v1/journalist-messages", keys.form(text, by: keys.journalistIdentity))
            #expect(first.status == .ok)
            // The same message in a new form (padded this time) is accepted and not stored twice.
            let again = try await client.send(
                .post, "/v1/journalist-messages",
                keys.form(Base64.encodePadded(message), by: keys.journalistIdentity, offset: .seconds(1)))
            #expect(again.status == .ok)
            let stored = try await harness.store.read(.journalistToCoverNode, after: 0, limit: 10)
            #expect(stored.map { [UInt8]($0.message) } == [message])
        }
    }

    @Test func wrongSizesBadBase64AndWrongSignersAreRefused() async throws {
        let harness = try APIHarness()
        let keys = harness.keys
        try await harness.withSeededRouter { client in
            let short = Base64.encodeUnpadded(SecureRandom.bytes(729))
            let wrongSize = try await client.send(
                .post, "/v1/journalist-messages", keys.form(short, by: keys.journalistIdentity))
            #expect(wrongSize.status == .badRequest)
            #expect(wrongSize.error == "a message is 730 bytes, got 729")
            let notBase64 = try await client.send(
                .post, "/v1/journalist-messages",
                keys.form("not base64!", by: keys.journalistIdentity, offset: .seconds(1)))
            #expect(notBase64.status == .badRequest)
            #expect(notBase64.error == "the message is not valid base64")
            let message = Base64.encodeUnpadded(SecureRandom.bytes(730))
            let provisioning = try await client.send(
                .post, "/v1/journalist-messages", keys.form(message, by: keys.journalistProvisioning))
            #expect(provisioning.status == .unauthorized)
            let stranger = try SigningKeyPair<Role.JournalistIdentity>.generate()
            let unknown = try await client.send(.post, "/v1/journalist-messages", keys.form(message, by: stranger))
            #expect(unknown.status == .notFound)
            #expect(try await harness.store.read(.journalistToCoverNode, after: 0, limit: 10).isEmpty)
        }
    }
}
