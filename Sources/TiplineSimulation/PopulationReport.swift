package import TiplineCore

/// Aggregate numbers of a population run: what a network observer and the newsroom would count.
package struct PopulationReport: Hashable, Sendable, CustomStringConvertible {
    /// Apps simulated.
    package var readers = 0
    /// Of which sources.
    package var sources = 0
    /// Virtual time covered.
    package var virtualDuration: Duration = .zero
    /// Virtual time reached.
    package var virtualNow: Timestamp = Timestamp(seconds: 0)
    /// App opens (start or foreground).
    package var appOpens = 0
    /// Background tasks run.
    package var backgroundRuns = 0
    /// `POST /user/messages` attempted.
    package var messagesAttempted = 0
    /// `POST /user/messages` acknowledged (2xx): messages that left a queue.
    package var messagesSent = 0
    /// Real messages sources queued.
    package var realMessagesQueued = 0
    /// Real messages that left the queue (queued minus still pending at the end).
    package var realMessagesSent = 0
    /// Replies sources found in their mailbox at the end.
    package var repliesReceived = 0
    /// Requests of any kind.
    package var requests = 0
    /// Bytes sent (request bodies).
    package var bytesUp = 0
    /// Bytes received (response bodies).
    package var bytesDown = 0
    /// Lifecycle or session calls that threw.
    package var errors = 0
    /// Over-full sources whose vault dropped its oldest messages to stay the same size.
    package var overfullTrimmed = 0
    /// With a real-time pace: steps that started more than half a step late (the simulation did not keep pace).
    package var lateSteps = 0
    /// With a real-time pace: the longest delay of a step's start behind its schedule.
    package var maxLateness: Duration = .zero

    /// Creates an empty report.
    package init() {}

    /// Share of real messages among all messages sent.
    package var realShare: Double { messagesSent == 0 ? 0 : Double(realMessagesSent) / Double(messagesSent) }

    /// Body bytes (up + down) per app per virtual day.
    package var bytesPerAppPerDay: Double {
        let days = Double(virtualDuration.components.seconds) / 86_400
        return readers == 0 || days <= 0 ? 0 : Double(bytesUp + bytesDown) / Double(readers) / days
    }

    package var description: String {
        let days = Double(virtualDuration.components.seconds) / 86_400
        return """
            readers                 \(readers) (\(sources) sources), \(format(days)) virtual days, until \(virtualNow.rfc3339)
            app opens               \(appOpens), background runs \(backgroundRuns)
            messages sent           \(messagesSent) of \(messagesAttempted) attempted
            real messages           \(realMessagesSent) sent of \(realMessagesQueued) queued, real share \(format(realShare * 100))%
            replies received        \(repliesReceived)
            requests                \(requests), \(bytesUp) B up, \(bytesDown) B down
            bytes per app per day   \(format(bytesPerAppPerDay))
            errors                  \(errors)
            over-full trimmed       \(overfullTrimmed)
            late steps              \(lateSteps), at most \(format(maxLateness.seconds)) s late
            """
    }

    private func format(_ value: Double) -> String {
        let scaled = (value * 100).rounded() / 100
        return String(describing: scaled)
    }
}

extension Duration {
    /// The duration in seconds, with fractions.
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}
