import Foundation
import MetricsTestKit
import Testing
import TiplineCore
import TiplineStorage
import TiplineTestSupport

@testable import TiplineCoverNode

/// Retention deletes old stream messages the CoverNode has read, and never one after its checkpoint: those are kept,
/// and that is logged.
@Suite struct StreamRetentionTests {
    @Test func unreadMessagesOlderThanTheRetentionAreKeptAndReported() async throws {
        let folder = try TemporaryDirectory()
        let store = try SQLiteStore(path: folder.file("streams.sqlite"))
        defer { try? store.close() }
        let clock = SystemWallClock()
        let twentyDaysAgo = clock.now().adding(.seconds(-20 * 86_400)).microseconds
        let old = (0..<3).map { _ in Data(SecureRandom.bytes(MessageSizes.userToCoverNodeEncrypted)) }
        let young = Data(SecureRandom.bytes(MessageSizes.userToCoverNodeEncrypted))
        try await store.append(.userToCoverNode, old, receivedAtMicros: twentyDaysAgo)
        try await store.append(.userToCoverNode, [young])
        let positions = try await store.read(.userToCoverNode, after: 0, limit: 10).map(\.position)
        try await store.saveCheckpoint(consumer: "covernode-u2j", position: positions[0])

        let log = CapturedLog()
        let metrics = TestMetrics()
        let retention = StreamRetention(
            store: store, retention: .seconds(15 * 86_400), clock: clock, metrics: metrics, logger: log.logger)
        #expect(try await retention.prune() == [.userToJournalist])
        let heldBack = try metrics.expectCounter("tipline_covernode_retention_held_back_total")
        #expect(heldBack.totalValue == 1)
        let left = try await store.read(.userToCoverNode, after: 0, limit: 10)
        #expect(left.map(\.message) == [old[1], old[2], young], "only the message the CoverNode read is deleted")
        #expect(log.lines(containing: "older than the retention are kept").count == 1)

        try await store.saveCheckpoint(consumer: "covernode-u2j", position: positions[3])
        #expect(try await retention.prune().isEmpty)
        #expect(heldBack.totalValue == 1)
        #expect(try await store.read(.userToCoverNode, after: 0, limit: 10).map(\.message) == [young])
    }
}
