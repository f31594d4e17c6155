import Foundation
import Testing
import TiplineAPIClient
import TiplineCore

/// What `tipline serve`'s public listener shows an outside observer (issue 13, item 1): nothing that moves with real
/// messages but not with cover. The CoverNode's counters once were on the API's `GET /metrics`: anybody who could
/// reach the API could have told a source's message from cover.
@Suite(.serialized) struct PublicListenerTests {
    @Test func metricsAreOnlyOnThePrivateListener() async throws {
        let server = try await ServeProcess.start()
        defer { server.stop() }
        try await server.api.postUserMessage(UserToCoverNodeMessage.sealCover(to: server.coverNodeKeys()))

        let metrics = try await DeploymentProcesses.get(server.url + "/metrics")
        #expect(metrics.status == 404, "the public listener answers GET /metrics")
        #expect(!metrics.body.contains("tipline_covernode"), "the public listener serves CoverNode counters")
        try await server.processes.waitUntil("the CoverNode counters on the private listener", process: "serve") {
            try await server.privateMetric(#"tipline_covernode_inputs_total{direction="u2j"}"#) >= 1
        }
        #expect(try await server.privateMetric("tipline_appender_messages_total{outcome=\"stored\"}") >= 1)
    }

    /// An observer polls every public GET route before and after a cover message, then after a real one; what
    /// changed must be the same in both cases, except the dead drops (a release, real or cover, changes them).
    @Test func anOutsideObserverCannotTellARealMessageFromCover() async throws {
        let server = try await ServeProcess.start()
        defer { server.stop() }
        try await server.addJournalist("alice")
        let keys = try await server.verifiedKeys()
        let journalistKey = try #require(keys.latestMessagingKey(forJournalist: "alice"))
        let identity = try #require(keys.identityKeys(forJournalist: "alice").first)
        let requests = try PublicSurface.requests(samples: ["pk_hex": identity.key.hex])
        #expect(requests.contains("/metrics") && requests.contains("/v1/status") && requests.count >= 9)

        let cover = try UserToCoverNodeMessage.sealCover(to: keys.latestCoverNodeMessagingKeys)
        let real = try UserToCoverNodeMessage.seal(
            text: "The documents are in locker 12.", replyKey: EncryptionKeyPair<Role.User>.generate().publicKey,
            journalistId: "alice", journalistKey: journalistKey, coverNodeKeys: keys.latestCoverNodeMessagingKeys)

        let before = try await PublicSurface.observe(server.url, requests: requests)
        try await send(cover, through: server)
        let afterCover = try await PublicSurface.observe(server.url, requests: requests)
        try await send(real, through: server)
        let afterReal = try await PublicSurface.observe(server.url, requests: requests)
        try await server.processes.waitUntil("the CoverNode to count the real message", process: "serve") {
            try await server.privateMetric(#"tipline_covernode_real_total{direction="u2j"}"#) == 1
        }

        let coverChanges = before.changes(to: afterCover)
        let realChanges = afterCover.changes(to: afterReal)
        for path in requests {
            if PublicSurface.isDeadDrop(path) {
                let statuses = [before, afterCover, afterReal].map { $0.responses[path]?.status }
                #expect(Set(statuses) == [200], "\(path): \(statuses)")
                continue
            }
            #expect(
                coverChanges[path] == realChanges[path],
                "\(path) tells a real message from cover: after cover \(coverChanges[path] ?? []), after real \(realChanges[path] ?? [])"
            )
        }
    }

    /// Posts one U2C message and waits until the CoverNode has read it (its private input counter moved).
    private func send(_ message: [UInt8], through server: ServeProcess) async throws {
        let sample = #"tipline_covernode_inputs_total{direction="u2j"}"#
        let read = try await server.privateMetric(sample)
        try await server.api.postUserMessage(message)
        try await server.processes.waitUntil("the CoverNode to read the message", process: "serve") {
            try await server.privateMetric(sample) > read
        }
    }
}
