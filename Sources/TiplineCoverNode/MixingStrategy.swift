public import TiplineCore

/// CoverDrop's threshold-and-timeout mix (`PROTOCOL.md` §7.4) as a pure state machine: no I/O, no clock inside.
///
/// Differences from CoverDrop, on purpose:
/// - the timeout is also evaluated by ``tick(at:)``, driven by a timer, so a quiet stream still releases
///   (CoverDrop checks it only when an input arrives);
/// - every release is shuffled with the CSPRNG (CoverDrop publishes real messages first, oldest first);
/// - the released checkpoint is the furthest position that never passes an unreleased real message.
public struct MixingStrategy<Payload: Sendable>: Sendable {
    private struct Buffered: Sendable {
        let payload: Payload
        let position: Int64
    }

    /// The parameters of this direction.
    public let parameters: MixingParameters
    /// Inputs (real and cover) counted since the last release.
    public private(set) var inputCount = 0
    /// When the last release happened (or the strategy was created).
    public private(set) var lastReleaseTime: Timestamp
    /// The newest position seen so far (initially the starting checkpoint).
    public private(set) var lastPosition: Int64
    private var buffer: [Buffered] = []
    private var head = 0

    /// Starts an empty mix that resumes after `checkpoint` at `now`.
    /// - Throws: ``CoverNodeError`` when `parameters` are invalid.
    public init(parameters: MixingParameters, checkpoint: Int64, now: Timestamp) throws {
        try parameters.validate()
        self.parameters = parameters
        self.lastReleaseTime = now
        self.lastPosition = checkpoint
    }

    /// Real messages waiting for a release.
    public var bufferedCount: Int { buffer.count - head }

    /// When a timeout release becomes possible (it also needs ``MixingParameters/thresholdMin`` inputs).
    public var timeoutDeadline: Timestamp { lastReleaseTime.adding(parameters.timeout) }

    /// Feeds one input, in stream order, and returns a release if it triggers one.
    public mutating func receive(_ input: MixingInput<Payload>, at now: Timestamp) -> MixingRelease<Payload>? {
        lastPosition = max(lastPosition, input.position)
        switch input {
        case .real(let payload, let position):
            inputCount += 1
            buffer.append(Buffered(payload: payload, position: position))
        case .cover:
            inputCount += 1
        case .unopened:
            break
        }
        return releaseIfDue(at: now)
    }

    /// Evaluates the timeout without new input: call it from a timer.
    public mutating func tick(at now: Timestamp) -> MixingRelease<Payload>? {
        releaseIfDue(at: now)
    }

    private mutating func releaseIfDue(at now: Timestamp) -> MixingRelease<Payload>? {
        let timedOut =
            inputCount >= parameters.thresholdMin && now.duration(since: lastReleaseTime) >= parameters.timeout
        guard inputCount >= parameters.thresholdMax || timedOut else { return nil }
        let take = min(parameters.outputSize, bufferedCount)
        var slots = buffer[head..<head + take].map { MixingSlot.real($0.payload) }
        head += take
        if head == buffer.count {
            buffer.removeAll(keepingCapacity: true)
            head = 0
        } else if head > 1024, head * 2 > buffer.count {
            buffer.removeFirst(head)
            head = 0
        }
        slots += repeatElement(MixingSlot<Payload>.filler, count: parameters.outputSize - take)
        SecureRandom.shuffle(&slots)
        inputCount = 0
        lastReleaseTime = now
        // Positions are read in order, so everything before the oldest unreleased real is done with.
        let checkpoint = head < buffer.count ? buffer[head].position - 1 : lastPosition
        return MixingRelease(slots: slots, checkpoint: checkpoint)
    }
}
