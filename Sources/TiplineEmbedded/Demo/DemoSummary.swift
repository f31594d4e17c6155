import TiplineAPIClient
import TiplineCore
import TiplineSimulation

/// The numbers at the end of the demo, and whether every real message arrived exactly once.
struct DemoSummary {
    let text: String
    let deliveredExactlyOnce: Bool

    init(report: PopulationReport, desk: DemoDesk, api: APIClient) async throws {
        let received = await desk.receivedTexts.count
        let replies = await desk.repliesSent
        let journalistDrops = try await api.deadDrops(.journalist, idsGreaterThan: 0, limit: 24).count
        let userDrops = try await api.deadDrops(.user, idsGreaterThan: 0).count
        deliveredExactlyOnce =
            report.realMessagesSent == report.realMessagesQueued && received == report.realMessagesQueued
            && report.repliesReceived == replies && replies == received
        text = """

            7. Summary
            \(report)
            journalist dead drops   \(journalistDrops) published (first page), user dead drops \(userDrops)
            real messages received  \(received) by Alice, each once; replies \(replies) sent, \(report.repliesReceived) found in sources' mailboxes
            delivered exactly once  \(deliveredExactlyOnce ? "yes" : "NO")
            """
    }
}
