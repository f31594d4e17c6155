import Foundation
import TiplineCore

extension ReaderClient {
    /// The sending step (`spec/CLIENT.md` §4.3): at most once per ``ClientConfiguration/minIntervalBetweenSendRuns``,
    /// post the queue's head up to ``ClientConfiguration/messagesPerRun`` times, real or cover alike.
    ///
    /// A message leaves the queue only after a 2xx; the first failure ends the run and the head is retried at the
    /// next run. The run counts for the rate limit even when a POST failed (CoverDrop's iOS behaviour, now explicit,
    /// `spec/CLIENT.md` §16 #5): retrying at once would make failing installations stand out with bursts.
    @discardableResult
    func sendRun(now: Timestamp) async -> SendRunResult {
        guard ScheduleState.isStale(schedule.lastSendRun, maxAge: configuration.minIntervalBetweenSendRuns, now: now)
        else { return .rateLimited }
        guard let cover = try? coverFactory(now: now), queue != nil else { return .keysUnavailable }
        schedule.lastSendRun = now.rfc3339
        var acknowledged = 0
        for attempt in 0..<configuration.messagesPerRun {
            guard let head = queue?.head,
                let response = try? await transport.postJSON(
                    configuration.sendURL, body: Data(("\"" + Base64.encodePadded(head) + "\"").utf8)),
                response.isSuccess, let replacement = try? cover()
            else { return .ran(attempted: attempt + 1, acknowledged: acknowledged) }
            // A session may have enqueued into the head slot while the POST was in flight; then the posted cover
            // is already gone from the queue and nothing is removed.
            if queue?.head == head { try? queue?.dequeue(cover: replacement) }
            acknowledged += 1
        }
        return .ran(attempted: configuration.messagesPerRun, acknowledged: acknowledged)
    }
}
