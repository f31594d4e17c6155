/// TEST ONLY: deliberate flaws in how a simulated source's traffic looks, so that the anonymity harness can show it
/// detects a real leak (`docs/anonymity.md`). Never used by ``ReaderClient``; applied by the simulation around it.
package enum TrafficLeak: String, CaseIterable, Sendable {
    /// The source sends at once when it writes (one extra message POST at that moment) instead of only in its slot.
    case immediateSend = "immediate-send"
    /// The POST that carries a real message is a few bytes longer than a cover POST.
    case longerMessage = "longer-message"
    /// One extra request (a status download) right after the POST that carries a real message.
    case extraRequest = "extra-request"
}
