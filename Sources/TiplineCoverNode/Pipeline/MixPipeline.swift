import Logging
import TiplineCore
import TiplineStorage

/// One direction's loop: read a batch after the checkpoint, trial-decrypt it on every core, feed the mix in stream
/// order, and turn each release into a published dead drop exactly once:
///
/// 1. build and sign the dead drop, 2. write the intent record durably, 3. publish (retrying with backoff; the
/// API accepts identical bytes again), 4. save the checkpoint, 5. delete the intent record.
///
/// A restart re-publishes a leftover intent verbatim before anything else, and re-reads every message after the
/// checkpoint, which never passes a real message that is not yet published.
struct MixPipeline<Direction: MixDirection>: Sendable {
    let direction: Direction
    let parameters: MixingParameters
    let store: any MessageStreamStore
    let api: any CoverNodeAPI
    let keyring: CoverNodeKeyring
    let journal: ReleaseJournal
    let settings: PipelineSettings
    let clock: any WallClock
    /// What the loop sleeps on (polls, back-off); tests inject a manual clock.
    let sleeper: any Clock<Duration>
    let faults: FaultInjection
    let metrics: PipelineMetrics
    let logger: Logger

    private var consumer: String { "covernode-\(direction.name)" }

    /// Runs until cancelled or shut down gracefully, restarting from the checkpoint after an error. With
    /// `untilIdle`, returns once the stream has nothing new, and errors are thrown instead.
    func run(untilIdle: Bool) async throws {
        var backoff = Backoff(minimum: settings.minimumBackoff, maximum: settings.maximumBackoff, sleeper: sleeper)
        while !Backoff.isStopping {
            do {
                try await runFromCheckpoint(untilIdle: untilIdle)
                return
            } catch {
                if Backoff.isStopping { return }
                if untilIdle { throw error }
                logger.error(
                    "pipeline restarts from its checkpoint",
                    metadata: ["direction": "\(direction.name)", "error": "\(error)"])
                guard await backoff.wait() else { return }
            }
        }
    }

    private func runFromCheckpoint(untilIdle: Bool) async throws {
        try await recover()
        var position = try await store.checkpoint(consumer: consumer)
        var mixer = try MixingStrategy<Direction.Payload>(
            parameters: parameters, checkpoint: position, now: clock.now())
        var batch = try await read(after: position)
        while !Backoff.isStopping {
            guard let last = batch.last?.position else {
                if let release = mixer.tick(at: clock.now()) { try await commit(release) }
                report(&mixer)
                if untilIdle { return }
                guard await Backoff.pause(settings.pollInterval, on: sleeper) else { return }
                batch = try await read(after: position)
                continue
            }
            async let next = read(after: last)  // the next read overlaps decryption
            try await process(batch, into: &mixer)
            position = last
            batch = try await next
        }
    }

    private func read(after position: Int64) async throws -> [StreamMessage] {
        try await store.read(direction.stream, after: position, limit: settings.batchSize)
    }

    private func process(_ batch: [StreamMessage], into mixer: inout MixingStrategy<Direction.Payload>) async throws {
        let opened = try await open(batch)
        var real = 0, cover = 0, dropped = 0, unopened = 0
        let inputs = zip(batch, opened).map { message, result -> MixingInput<Direction.Payload> in
            switch result {
            case .real(let payload):
                real += 1
                return .real(
                    payload, position: message.position, recipient: direction.recipient(of: payload),
                    receivedAt: Timestamp(microseconds: message.receivedAtMicros))
            case .cover:
                cover += 1
                return .cover(position: message.position)
            case .dropped:
                dropped += 1
                return .cover(position: message.position)
            case .unopened:
                unopened += 1
                return .unopened(position: message.position)
            }
        }
        metrics.batch(inputs: batch.count, real: real, cover: cover, dropped: dropped, unopened: unopened)
        for input in inputs {
            if let release = mixer.receive(input, at: clock.now()) { try await commit(release) }
            faults.reached(.afterInput)
        }
        report(&mixer)
        faults.reached(.afterBatch)
    }

    /// Records the buffer's depth and counts and logs (without any tag) what its bounds dropped.
    private func report(_ mixer: inout MixingStrategy<Direction.Payload>) {
        metrics.queued(mixer.bufferedCount)
        let discarded = mixer.takeDiscarded()
        guard !discarded.isEmpty else { return }
        metrics.discarded(overflow: discarded.overflow, expired: discarded.expired)
        logger.warning(
            "the mixing buffer dropped real messages",
            metadata: [
                "direction": "\(direction.name)", "full": "\(discarded.overflow)",
                "too_old": "\(discarded.expired)",
            ])
    }

    /// Trial-decrypts `batch` on every core. Real messages to unknown recipients get a second chance after a
    /// refresh of the recipients: a journalist who registered after the last periodic refresh is not dropped.
    private func open(_ batch: [StreamMessage]) async throws -> [OpenedMessage<Direction.Payload>] {
        let opener = direction.opener(keys: await keyring.current, now: clock.now())
        var opened = try await ParallelMap.map(batch, width: settings.width) { opener.open(Array($0.message)) }
        let unknown = opened.indices.filter { opened[$0].isDropped }
        guard !unknown.isEmpty, await direction.refreshRecipients() else { return opened }
        let reopener = direction.opener(keys: await keyring.current, now: clock.now())
        let reopened = try await ParallelMap.map(unknown, width: settings.width) {
            reopener.open(Array(batch[$0].message))
        }
        for (index, result) in zip(unknown, reopened) { opened[index] = result }
        return opened
    }

    private func commit(_ release: MixingRelease<Direction.Payload>) async throws {
        let assembled = try await direction.deadDrop(
            for: release.slots, keys: await keyring.current, now: clock.now(), width: settings.width)
        if assembled.failedSlots > 0 {
            metrics.sealFailed(assembled.failedSlots)
            logger.error(
                "real messages could not be sealed to their recipient's key; fillers took their places",
                metadata: ["direction": "\(direction.name)", "messages": "\(assembled.failedSlots)"])
        }
        try journal.record(assembled.deadDrop, checkpoint: release.checkpoint)
        faults.reached(.afterIntent)
        try await finish(assembled.deadDrop, checkpoint: release.checkpoint)
        metrics.released(anonymitySet: release.inputCount)
    }

    /// Re-publishes the dead drop of a release that was interrupted, then moves the checkpoint it allows.
    private func recover() async throws {
        guard let pending = try journal.pending() else { return }
        logger.notice(
            "re-publishing the dead drop of an unfinished release", metadata: ["direction": "\(direction.name)"])
        let current = try await store.checkpoint(consumer: consumer)
        try await finish(pending.deadDrop, checkpoint: max(current, pending.checkpoint))
    }

    private func finish(_ deadDrop: DeadDrop, checkpoint: Int64) async throws {
        try await publish(deadDrop)
        faults.reached(.afterPublish)
        try await store.saveCheckpoint(consumer: consumer, position: checkpoint)
        faults.reached(.afterCheckpoint)
        try journal.clear()
    }

    private func publish(_ deadDrop: DeadDrop) async throws {
        var backoff = Backoff(minimum: settings.minimumBackoff, maximum: settings.maximumBackoff, sleeper: sleeper)
        while true {
            do {
                try await api.publish(deadDrop)
                return
            } catch  where error.isDefinitiveRejection {
                metrics.publishFailed()
                // A refusal may hide an earlier success (a re-publish after the signing key expired): forget the
                // release only when the API does not store these bytes, or its real messages are delivered twice.
                if try await api.isStored(deadDrop) {
                    logger.notice(
                        "the API refused a dead drop it already stores; the release is done",
                        metadata: ["direction": "\(direction.name)", "error": "\(error)"])
                    return
                }
                try journal.clear()
                throw CoverNodeError(.publishRejected, "the API refused a \(direction.kind) dead drop (\(error))")
            } catch {
                metrics.publishFailed()
                logger.warning(
                    "publishing a dead drop failed; retrying",
                    metadata: ["direction": "\(direction.name)", "error": "\(error)"])
                guard await backoff.wait() else { throw CancellationError() }
            }
        }
    }
}
