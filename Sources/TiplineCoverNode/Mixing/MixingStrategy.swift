package import TiplineCore

/// CoverDrop's threshold-and-timeout mix (`PROTOCOL.md` §7.4) as a pure state machine: no I/O, no clock inside.
///
/// Differences from CoverDrop, on purpose:
/// - the timeout is also evaluated by ``tick(at:)``, driven by a timer, so a quiet stream still releases
///   (CoverDrop checks it only when an input arrives);
/// - every release is shuffled with the CSPRNG (CoverDrop publishes real messages first, oldest first);
/// - the released checkpoint is the furthest position that never passes a waiting real message;
/// - the buffer is bounded (``MixingParameters/bufferCapacity``, ``MixingParameters/perRecipientCapacity``,
///   ``MixingParameters/maximumAge``). A real message to a recipient whose share is full evicts that recipient's
///   oldest waiting message; one that finds the whole buffer full evicts the oldest message of the recipient with the
///   most waiting; a message that waited too long is dropped before a release. Every drop is counted
///   (``takeDiscarded()``), and the checkpoint passes dropped messages, so a restart re-reads at most
///   ``MixingParameters/maximumAge`` of the stream. A flood to one recipient thus evicts its own older messages and
///   never those of others: a message to another recipient waits behind at most
///   ``MixingParameters/perRecipientCapacity`` messages per flooded recipient (CoverDrop's unbounded buffer, oldest
///   first, lets a flood starve everybody).
///
/// Releases stay oldest first across all recipients, so everything released lies before every message still waiting
/// and the checkpoint never makes a restart publish a message twice.
package struct MixingStrategy<Payload: Sendable>: Sendable {
    private struct Waiting: Sendable {
        let payload: Payload
        let position: Int64
        let receivedAt: Timestamp
    }

    /// Real messages dropped by the buffer's bounds.
    package struct Discarded: Hashable, Sendable {
        /// Evicted because the buffer or the recipient's share was full.
        package var overflow = 0
        /// Dropped because they waited longer than ``MixingParameters/maximumAge``.
        package var expired = 0

        /// Creates a tally.
        package init(overflow: Int = 0, expired: Int = 0) {
            self.overflow = overflow
            self.expired = expired
        }

        /// Whether nothing was dropped.
        package var isEmpty: Bool { overflow == 0 && expired == 0 }
    }

    /// The parameters of this direction.
    package let parameters: MixingParameters
    /// Inputs (real and cover) counted since the last release.
    package private(set) var inputCount = 0
    /// When the last release happened (or the strategy was created).
    package private(set) var lastReleaseTime: Timestamp
    /// The newest position seen so far (initially the starting checkpoint).
    package private(set) var lastPosition: Int64
    /// Real messages waiting for a release.
    package private(set) var bufferedCount = 0
    private var queues: [RecipientTag?: WaitingQueue<Waiting>] = [:]
    private var discarded = Discarded()

    /// Starts an empty mix that resumes after `checkpoint` at `now`.
    /// - Throws: ``CoverNodeError`` when `parameters` are invalid.
    package init(parameters: MixingParameters, checkpoint: Int64, now: Timestamp) throws {
        try parameters.validate()
        self.parameters = parameters
        self.lastReleaseTime = now
        self.lastPosition = checkpoint
    }

    /// When a timeout release becomes possible (it also needs ``MixingParameters/thresholdMin`` inputs).
    package var timeoutDeadline: Timestamp { lastReleaseTime.adding(parameters.timeout) }

    /// Feeds one input, in stream order, and returns a release if it triggers one.
    package mutating func receive(_ input: MixingInput<Payload>, at now: Timestamp) -> MixingRelease<Payload>? {
        lastPosition = max(lastPosition, input.position)
        switch input {
        case .real(let payload, let position, let recipient, let receivedAt):
            inputCount += 1
            buffer(Waiting(payload: payload, position: position, receivedAt: receivedAt ?? now), for: recipient, now)
        case .cover:
            inputCount += 1
        case .unopened:
            break
        }
        return releaseIfDue(at: now)
    }

    /// Evaluates the timeout without new input: call it from a timer.
    package mutating func tick(at now: Timestamp) -> MixingRelease<Payload>? {
        releaseIfDue(at: now)
    }

    /// The real messages dropped since the last call, for counting and logging.
    package mutating func takeDiscarded() -> Discarded {
        defer { discarded = Discarded() }
        return discarded
    }

    private mutating func buffer(_ message: Waiting, for recipient: RecipientTag?, _ now: Timestamp) {
        guard now.duration(since: message.receivedAt) <= parameters.maximumAge else {
            discarded.expired += 1
            return
        }
        if recipient != nil, let share = queues[recipient]?.count, share >= parameters.perRecipientCapacity {
            evictOldest(of: recipient)
        } else if bufferedCount >= parameters.bufferCapacity, let largest = largestRecipient {
            evictOldest(of: largest)
        }
        queues[recipient, default: WaitingQueue()].append(message)
        bufferedCount += 1
    }

    /// The recipient with the most waiting messages.
    private var largestRecipient: RecipientTag?? {
        queues.max { $0.value.count < $1.value.count }.map(\.key)
    }

    private mutating func evictOldest(of recipient: RecipientTag?) {
        guard queues[recipient]?.popFirst() != nil else { return }
        bufferedCount -= 1
        discarded.overflow += 1
        if queues[recipient]?.count == 0 { queues[recipient] = nil }
    }

    private mutating func releaseIfDue(at now: Timestamp) -> MixingRelease<Payload>? {
        let timedOut =
            inputCount >= parameters.thresholdMin && now.duration(since: lastReleaseTime) >= parameters.timeout
        guard inputCount >= parameters.thresholdMax || timedOut else { return nil }
        expire(at: now)
        let reals = takeOldest(parameters.outputSize)
        var slots = reals.map { MixingSlot.real($0) }
        slots += repeatElement(MixingSlot<Payload>.filler, count: parameters.outputSize - reals.count)
        SecureRandom.shuffle(&slots)
        let anonymitySet = inputCount
        inputCount = 0
        lastReleaseTime = now
        return MixingRelease(slots: slots, checkpoint: checkpoint, inputCount: anonymitySet)
    }

    /// Positions are read in order, so everything before the oldest waiting real is done with.
    private var checkpoint: Int64 {
        queues.values.compactMap { $0.first?.position }.min().map { $0 - 1 } ?? lastPosition
    }

    private mutating func expire(at now: Timestamp) {
        for recipient in Array(queues.keys) {
            while let oldest = queues[recipient]?.first,
                now.duration(since: oldest.receivedAt) > parameters.maximumAge
            {
                _ = queues[recipient]?.popFirst()
                bufferedCount -= 1
                discarded.expired += 1
            }
            if queues[recipient]?.count == 0 { queues[recipient] = nil }
        }
    }

    /// Up to `count` payloads, oldest first across all recipients.
    private mutating func takeOldest(_ count: Int) -> [Payload] {
        var taken: [Payload] = []
        // `map`, not `?.key`: optional chaining would flatten the `nil` recipient (replies) into "no queue".
        while taken.count < count,
            let recipient = queues.min(by: { ($0.value.first?.position ?? .max) < ($1.value.first?.position ?? .max) })
                .map(\.key),
            let message = queues[recipient]?.popFirst()
        {
            taken.append(message.payload)
            bufferedCount -= 1
            if queues[recipient]?.count == 0 { queues[recipient] = nil }
        }
        return taken
    }
}
