import Hummingbird
import TiplineAPIClient
import TiplineCore
import TiplineJournalist

/// Keys and system status: who this is, when the messaging key expires, the last sync, the CoverNode status.
extension DeskRoutes {
    func addStatusRoutes(to router: Router<some RequestContext>) {
        router.get("/status") { request, _ in
            try await get(request) { session, client in
                let status = try await client.status()
                let api = APIClient(baseURL: desk.settings.apiURL, timeout: desk.settings.statusTimeout)
                let system: String
                do {
                    let answer = try await api.status()
                    system = answer.description.isEmpty ? answer.status : "\(answer.status): \(answer.description)"
                } catch {
                    system = "Unknown (the API could not be reached)"
                }
                let content = StatusContent(
                    status, coverNode: system, serviceProblem: await desk.serviceProblem, now: desk.clock.now())
                return await page(
                    "status", title: "Status", session: session, current: CurrentPage(status: true), content: content)
            }
        }
    }
}

/// The status screen's content: label and value rows of a description list.
struct StatusContent {
    /// One `<dt>`/`<dd>` pair.
    struct Row {
        let label: String
        let value: String
        /// A machine-readable time for a `<time>` element, when the value is one.
        let datetime: String?
    }

    let rows: [Row]

    init(_ status: JournalistStatus, coverNode: String, serviceProblem: String?, now: Timestamp) {
        func expiry(_ instant: Timestamp?) -> Row.Value {
            guard let instant else { return ("None valid", nil) }
            return (TimeText.countdown(to: instant, now: now) + " (" + TimeText.date(instant) + ")", instant.rfc3339)
        }
        let messaging = expiry(status.messagingKeyExpiry)
        let identity = expiry(status.identityKeyExpiry)
        let sync = status.lastSyncAt.map { (TimeText.ago($0, now: now) + " (" + TimeText.date($0) + ")", $0.rfc3339) }
        let sent = status.lastSentAt.map { (TimeText.ago($0, now: now), $0.rfc3339) }
        rows = [
            Row(label: "Journalist", value: status.journalistId, datetime: nil),
            Row(label: "Messaging key expires", value: messaging.text, datetime: messaging.datetime),
            Row(
                label: "Identity key expires",
                value: identity.text + (status.identityRotationPending ? ", a new key is requested" : ""),
                datetime: identity.datetime),
            Row(label: "Last successful sync", value: sync?.0 ?? "Not yet", datetime: sync?.1),
            Row(label: "CoverNode status", value: coverNode, datetime: nil),
            Row(label: "Queued replies", value: "\(status.queuedReplies)", datetime: nil),
            Row(label: "Last message sent (real or cover)", value: sent?.0 ?? "Not yet", datetime: sent?.1),
            Row(
                label: "Registered with the API", value: status.isSetUp ? "Yes" : "Not yet (the desk keeps trying)",
                datetime: nil),
            Row(
                label: "Journalist service", value: serviceProblem.map { "Stopped: \($0)" } ?? "Running",
                datetime: nil),
        ]
    }
}

extension StatusContent.Row {
    /// A value's text and its machine-readable time.
    typealias Value = (text: String, datetime: String?)
}
