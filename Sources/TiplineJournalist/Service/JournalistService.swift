package import Logging
import TiplineAPIClient
import TiplineCore
import TiplineSupport

/// The long-running journalist client: completes the setup, then runs three loops until cancelled —
/// sync (every ``JournalistConfiguration/syncInterval``, with back-off while the API is unreachable), the sender
/// (exactly one J2C per ``JournalistConfiguration/sendInterval``, real or cover, on a fixed schedule that does not
/// drift with request times) and key rotation (every ``JournalistConfiguration/keyCheckInterval``).
///
/// Stopping is graceful: cancelling ``run()`` lets the step in progress (a send, a sync page, a rotation) finish
/// and save before the loops end, so no reply is posted without being marked sent.
package struct JournalistService: Sendable {
    /// The client whose steps are run.
    package let client: JournalistClient
    private let clock: any Clock<Duration>
    private let logger: Logger

    /// Creates a service.
    /// - Parameter clock: the clock the loops sleep on (tests inject a manual one).
    package init(client: JournalistClient, clock: any Clock<Duration> = ContinuousClock(), logger: Logger) {
        self.client = client
        self.clock = clock
        self.logger = logger
    }

    /// Runs until the task is cancelled.
    /// - Throws: when the setup bundle is refused by the API (the vault cannot work without a new bundle).
    package func run() async throws {
        try await run(on: clock)
    }

    private func run<C: Clock<Duration>>(on clock: C) async throws {
        guard try await setUp(on: clock) else { return }
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await syncLoop(on: clock) }
            group.addTask { await senderLoop(on: clock) }
            group.addTask { await keyLoop(on: clock) }
        }
    }

    /// Completes the setup, retrying while the API is unreachable. Returns `false` when cancelled.
    private func setUp<C: Clock<Duration>>(on clock: C) async throws -> Bool {
        var backoff = backoff()
        while !Task.isCancelled {
            do {
                if try await finishing({ try await client.completeSetup() }) {
                    logger.info("registered with the API")
                }
                return true
            } catch let error as APIClientError where error.isRetryable {
                let delay = backoff.failed()
                logger.warning(
                    "API unreachable during setup; retrying", metadata: ["retry_in": "\(delay)", "error": "\(error)"])
                guard await sleep(clock, for: delay) else { return false }
            }
        }
        return false
    }

    private func syncLoop<C: Clock<Duration>>(on clock: C) async {
        await periodically(on: clock, every: client.configuration.syncInterval, what: "sync") {
            // The log lives outside the vault: it never says whether or when messages arrived, only what needs
            // attention. Dead drops are the same for every journalist, so their counts reveal nothing.
            let report = try await client.sync()
            if report.rejectedDeadDrops > 0 {
                logger.warning(
                    "a dead drop did not verify; it and the ones after it wait for a later sync",
                    metadata: ["cursor": "\(report.cursor ?? 0)"])
            } else if report.waitingForKeys {
                logger.notice("dead drops wait for the API's published keys to catch up")
            }
        }
    }

    private func senderLoop<C: Clock<Duration>>(on clock: C) async {
        let interval = client.configuration.sendInterval
        var next = clock.now.advanced(by: interval)
        while !Task.isCancelled {
            do {
                try await clock.sleep(until: next, tolerance: nil)
            } catch {
                return
            }
            // One slot per interval: slots missed while the machine slept are skipped, not made up in a burst.
            repeat { next = next.advanced(by: interval) } while next <= clock.now
            do {
                let sent = try await finishing { try await client.sendNext() }
                if case .coverWhileReplyBlocked(_, let reason) = sent {
                    logger.error("a queued reply cannot be sent; sent cover instead", metadata: ["reason": "\(reason)"])
                }
            } catch {
                logger.warning("sending failed; the next slot will try again", metadata: ["error": "\(error)"])
            }
        }
    }

    private func keyLoop<C: Clock<Duration>>(on clock: C) async {
        await periodically(on: clock, every: client.configuration.keyCheckInterval, what: "key rotation") {
            let report = try await client.rotateKeys()
            if let epoch = report.newMessagingKeyEpoch {
                logger.info("published a new messaging key", metadata: ["epoch": "\(epoch)"])
            }
            if case .unsupported(let reason) = report.identityRotation {
                logger.warning("identity key rotation is not available", metadata: ["reason": "\(reason)"])
            }
        }
    }

    /// Runs `step` now and then every `interval` until cancelled; after a failure it retries with back-off.
    private func periodically<C: Clock<Duration>>(
        on clock: C, every interval: Duration, what: String, _ step: @escaping @Sendable () async throws -> Void
    ) async {
        var backoff = backoff()
        var delay = Duration.zero
        while await sleep(clock, for: delay) {
            do {
                try await finishing(step)
                backoff.succeeded()
                delay = interval
            } catch {
                delay = backoff.failed()
                logger.warning("\(what) failed; retrying", metadata: ["retry_in": "\(delay)", "error": "\(error)"])
            }
        }
    }

    private func backoff() -> RetryBackoff {
        RetryBackoff(initial: client.configuration.retryInitialDelay, maximum: client.configuration.retryMaxDelay)
    }

    /// Sleeps; returns `false` when the task was cancelled.
    private func sleep<C: Clock<Duration>>(_ clock: C, for duration: Duration) async -> Bool {
        guard !Task.isCancelled else { return false }
        guard duration > .zero else { return true }
        do {
            try await clock.sleep(until: clock.now.advanced(by: duration), tolerance: nil)
            return true
        } catch {
            return false
        }
    }

    /// Runs `step` to completion even if the caller is cancelled meanwhile (graceful stop).
    private func finishing<T: Sendable>(_ step: @escaping @Sendable () async throws -> T) async throws -> T {
        try await Task { try await step() }.value
    }
}
