import Hummingbird
import TiplineCore
import TiplineJournalist

/// The inbox: sources, the most recently active first, and "check for messages now".
extension DeskRoutes {
    func addInboxRoutes(to router: Router<some RequestContext>) {
        router.get("/") { request, _ in
            try await get(request) { session, client in
                let now = desk.clock.now()
                let sources = try await client.inbox().map { InboxContent.Source($0, now: now) }
                return await page(
                    "inbox", title: "Inbox", session: session, current: CurrentPage(inbox: true),
                    content: InboxContent(sources: sources))
            }
        }
        router.post("/sync") { request, _ in
            try await post(request) { _, client in
                do {
                    let report = try await client.sync()
                    await desk.flash(String(JournalistText.sync(report).prefix { $0 != "\n" }))
                } catch {
                    await desk.flash("Could not check for messages: \(error)")
                }
                return Pages.redirect(to: "/")
            }
        }
    }
}

/// The inbox's content.
struct InboxContent {
    /// One row of the inbox.
    struct Source {
        let id: Int
        let alias: String
        let unread: Int
        let hasUnread: Bool
        let muted: Bool
        let queued: Int
        let hasQueued: Bool
        let datetime: String
        let lastActivity: String

        init(_ summary: SourceSummary, now: Timestamp) {
            id = summary.number
            alias = summary.alias
            unread = summary.unreadCount
            hasUnread = summary.unreadCount > 0
            muted = summary.isMuted
            queued = summary.queuedCount
            hasQueued = summary.queuedCount > 0
            datetime = summary.lastActivity.rfc3339
            lastActivity = TimeText.date(summary.lastActivity)
        }
    }

    let sources: [Source]
    let hasSources: Bool

    init(sources: [Source]) {
        self.sources = sources
        hasSources = !sources.isEmpty
    }
}
