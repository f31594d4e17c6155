import Foundation
import Testing
import TiplineClient
import TiplineCore
import TiplineStorage
import TiplineTestSupport

/// Plays the CoverNode's and the journalists' part with `TiplineCore` only, against the real API and its store:
/// reads the U2C stream from the store, opens it with the CoverNode key, forwards real messages in a signed
/// journalist dead drop through the API; journalists read those through the API, reply through
/// `POST /v1/journalist-messages`; the J2C stream is opened and published as a signed user dead drop.
actor NewsroomHarness {
    /// A message a journalist received.
    struct Received: Sendable {
        let text: String
        let replyKey: EncryptionPublicKey<Role.User>
    }

    let api: ReaderDeployment
    private let http = URLSessionTransport()
    private var userStreamPosition: Int64 = 0
    private var journalistStreamPosition: Int64 = 0
    private var journalistDeadDropCursors: [String: Int32] = [:]
    private(set) var coverMessagesSeen = 0

    init(api: ReaderDeployment) { self.api = api }

    private var hierarchy: TestHierarchy { api.hierarchy }
    private var coverNode: CoverNodeStandIn { CoverNodeStandIn(hierarchy.keys) }

    /// CoverNode, user → journalist: opens every new U2C message; real ones go into one journalist dead drop.
    /// - Returns: how many real messages were forwarded.
    @discardableResult
    func forwardUserMessages() async throws -> Int {
        let messages = try await api.store.read(.userToCoverNode, after: userStreamPosition, limit: 10_000)
        userStreamPosition = messages.last?.position ?? userStreamPosition
        var forwarded: [[UInt8]] = []
        for stored in messages {
            switch try coverNode.open([UInt8](stored.message)) {
            case .cover:
                coverMessagesSeen += 1
            case .real(let tag, let sealed):
                guard
                    let journalist = hierarchy.journalists.first(where: {
                        (try? RecipientTag(journalistId: $0.id)) == tag
                    })
                else { continue }
                forwarded.append(try coverNode.box(sealed, to: journalist.latestMessaging.publicKey))
            }
        }
        guard !forwarded.isEmpty else { return 0 }
        let epoch =
            try await api.store.epoch(ofKeyHex: hierarchy.coverNodeIdentityKey.key.hex, role: .coverNodeIdentity) ?? 0
        let drop = try coverNode.journalistDeadDrop(
            forwarded, size: forwarded.count, shuffled: false, createdAt: api.clock.now(), epoch: epoch)
        try await post("v1/journalist/dead-drops", drop.json())
        return forwarded.count
    }

    /// Journalist `id` downloads the new journalist dead drops through the API and opens what is for them.
    func inbox(of id: String) async throws -> [Received] {
        guard let journalist = hierarchy.journalist(id) else { return [] }
        let cursor = journalistDeadDropCursors[id] ?? 0
        let url = try #require(
            URL(string: "v1/journalist/dead-drops?ids_greater_than=\(cursor)", relativeTo: api.baseURL))
        let response = try await http.get(url)
        let list = try JSONDecoder().decode(DeadDropListJSON.self, from: response.body)
        var received: [Received] = []
        for item in list.deadDrops {
            journalistDeadDropCursors[id] = max(journalistDeadDropCursors[id] ?? 0, item.id ?? 0)
            let drop = try item.deadDrop(kind: .journalist)
            guard drop.isSigned(byAnyOf: [hierarchy.coverNodeIdentityKey], at: api.clock.now()) else { continue }
            for box in drop.messages {
                for key in journalist.messaging {
                    guard
                        let sealed = try? TwoPartyBox.open(
                            Array(box), from: hierarchy.coverNodeMessaging.publicKey, with: key),
                        let message = try? UserToJournalistMessage.open(sealed, with: key)
                    else { continue }
                    received.append(Received(text: try message.text.text(), replyKey: message.replyKey))
                    break
                }
            }
        }
        return received
    }

    /// Journalist `id` replies (a text or a handover) through `POST /v1/journalist-messages`.
    func reply(
        from id: String, _ message: JournalistToUserMessage, to reader: EncryptionPublicKey<Role.User>
    ) async throws {
        let journalist = try #require(hierarchy.journalist(id))
        let sealed = try message.seal(from: journalist.latestMessaging, to: reader)
        let j2c = try JournalistToCoverNodeMessage.real(sealedReply: sealed).seal(to: [
            hierarchy.coverNodeMessagingKey.key
        ])
        let form = try SignedForm.sign(Base64.encodeUnpadded(j2c), with: journalist.identity, now: api.clock.now())
        try await post("v1/journalist-messages", form)
    }

    /// CoverNode, journalist → user: publishes one user dead drop of 20 messages holding every new real reply,
    /// filled up with fillers (published even when there is no reply, as a CoverNode on a timer does).
    func publishUserDeadDrop() async throws {
        let messages = try await api.store.read(.journalistToCoverNode, after: journalistStreamPosition, limit: 20)
        journalistStreamPosition = messages.last?.position ?? journalistStreamPosition
        var replies: [[UInt8]] = []
        for stored in messages {
            if case .real(let sealed) = try coverNode.open(journalistMessage: [UInt8](stored.message)) {
                replies.append(sealed)
            }
        }
        try await post(
            "v1/user/dead-drops", coverNode.userDeadDrop(replies: replies, createdAt: api.clock.now()).json())
    }

    private func post(_ path: String, _ body: some Encodable) async throws {
        let url = try #require(URL(string: path, relativeTo: api.baseURL))
        let response = try await http.postJSON(url, body: JSONEncoder().encode(body))
        guard response.isSuccess else {
            throw ClientError(
                .network, "POST \(path): \(response.status) \(String(decoding: response.body, as: UTF8.self))")
        }
    }
}
