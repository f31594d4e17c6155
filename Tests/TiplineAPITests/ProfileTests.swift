import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing
import TiplineAPI
import TiplineCore
import TiplineTestSupport

@Suite struct ProfileTests {
    private static func profiles(_ client: some TestClientProtocol) async throws -> [JournalistProfile] {
        try await client.send(.get, "/v1/public-keys").json(PublicKeysResponse.self).journalistProfiles
    }

    @Test func createUpdateAndDelete() async throws {
        try await APIHarness.withSeededRouter { _, keys, client in
            let desk = PostJournalistProfileBody(
                id: "news_desk", displayName: "News desk", sortName: "desk",
                description: String(repeating: "d", count: 80), isDesk: true, status: "VISIBLE")
            #expect(
                try await client.send(
                    .post, "/v1/public-keys/journalists", keys.form(desk, by: keys.journalistProvisioning)
                ).status == .ok)
            #expect(try await Self.profiles(client).map(\.id).sorted() == ["alice", "news_desk"])

            let rename = UpdateJournalistProfileBody(journalistId: "news_desk", displayName: "Newsdesk")
            try await client.send(
                .patch, "/v1/public-keys/journalists/update-profile",
                keys.form(rename, by: keys.journalistProvisioning), expecting: .ok)
            let renamed = try await Self.profiles(client).first { $0.id == "news_desk" }
            #expect(renamed?.displayName == "Newsdesk")
            #expect(renamed?.isDesk == true)

            try await client.send(
                .delete, "/v1/public-keys/journalists/delete", keys.form("news_desk", by: keys.journalistProvisioning),
                expecting: .ok)
            #expect(try await Self.profiles(client).map(\.id) == ["alice"])
        }
    }

    @Test func nonDeskDescriptionsAreAtMost40Bytes() async throws {
        try await APIHarness.withSeededRouter { _, keys, client in
            let long = PostJournalistProfileBody(
                id: "bob", displayName: "Bob", sortName: "bob", description: String(repeating: "é", count: 21),
                isDesk: false,
                status: "VISIBLE")
            try await client.send(
                .post, "/v1/public-keys/journalists", keys.form(long, by: keys.journalistProvisioning),
                expecting: .badRequest, error: "journalist description too long")
            // Turning a desk with a long description into a person is refused too.
            let undesk = UpdateJournalistProfileBody(
                journalistId: "alice", description: String(repeating: "x", count: 41))
            try await client.send(
                .patch, "/v1/public-keys/journalists/update-profile",
                keys.form(undesk, by: keys.journalistProvisioning), expecting: .badRequest,
                error: "journalist description too long")
            let unknown = UpdateJournalistProfileBody(journalistId: "nobody", displayName: "X")
            try await client.send(
                .patch, "/v1/public-keys/journalists/update-profile",
                keys.form(unknown, by: keys.journalistProvisioning, offset: .seconds(1)), expecting: .notFound)
        }
    }

    @Test func invalidIdsAndStatusesAre400() async throws {
        try await APIHarness.withSeededRouter { _, keys, client in
            let slash = PostJournalistProfileBody(
                id: "a/b", displayName: "", sortName: "", description: "", isDesk: false, status: "VISIBLE")
            #expect(
                try await client.send(
                    .post, "/v1/public-keys/journalists", keys.form(slash, by: keys.journalistProvisioning)
                ).status == .badRequest)
            let status = PostJournalistProfileBody(
                id: "carol", displayName: "", sortName: "", description: "", isDesk: false, status: "SHOWN")
            try await client.send(
                .post, "/v1/public-keys/journalists", keys.form(status, by: keys.journalistProvisioning),
                expecting: .badRequest, error: "status must be VISIBLE, HIDDEN_FROM_UI or HIDDEN_FROM_RESPONSE")
        }
    }

    @Test func journalistsChangeOnlyTheirOwnStatus() async throws {
        try await APIHarness.withSeededRouter { _, keys, client in
            let hide = UpdateJournalistStatusBody(journalistId: "alice", status: "HIDDEN_FROM_RESPONSE")
            let own = try await client.send(
                .patch, "/v1/public-keys/journalists/update-status", keys.form(hide, by: keys.journalistIdentity))
            #expect(own.status == .ok)
            // Hidden from the response: the profile is gone, its keys stay.
            let published = try await client.send(.get, "/v1/public-keys").json(PublicKeysResponse.self)
            #expect(published.journalistProfiles.isEmpty)
            #expect(
                !VerifiedKeys(published, trustAnchors: [keys.anchor], now: keys.now).messagingKeys(
                    forJournalist: "alice"
                ).isEmpty)

            let desk = PostJournalistProfileBody(
                id: "desk", displayName: "", sortName: "", description: "", isDesk: true, status: "VISIBLE")
            _ = try await client.send(
                .post, "/v1/public-keys/journalists", keys.form(desk, by: keys.journalistProvisioning))
            let other = UpdateJournalistStatusBody(journalistId: "desk", status: "HIDDEN_FROM_UI")
            try await client.send(
                .patch, "/v1/public-keys/journalists/update-status",
                keys.form(other, by: keys.journalistIdentity, offset: .seconds(1)), expecting: .unauthorized,
                error: "a journalist may only change their own status")
        }
    }

    @Test func profileFormsNeedTheProvisioningKey() async throws {
        try await APIHarness.withSeededRouter { _, keys, client in
            let body = PostJournalistProfileBody(
                id: "eve", displayName: "", sortName: "", description: "", isDesk: false, status: "VISIBLE")
            try await client.send(
                .post, "/v1/public-keys/journalists", keys.form(body, by: keys.journalistIdentity),
                expecting: .unauthorized)
        }
    }
}
