import Logging
import ServiceLifecycle
import TiplineCore
import TiplineStorage

/// Deletes what the API must not keep: dead drops older than the retention period (14 days, as CoverDrop),
/// keys that expired longer ago than the retention period (kept until then, so that the dead drops they signed
/// still verify against the published hierarchy), form signatures whose forms have expired (they can no longer be replayed) and
/// identity-key rotation requests nobody certified before they expired.
struct RetentionService: Service {
    let store: any TiplineStore
    let clock: any WallClock
    let retention: Duration
    let interval: Duration
    let sleeper: any Clock<Duration>
    let logger: Logger

    /// Prunes once now, then every `interval` until graceful shutdown or cancellation, and then returns normally
    /// (a thrown error would make the service group cancel its other services).
    func run() async {
        while !Task.isCancelled, !Task.isShuttingDownGracefully {
            await pruneOnce()
            let sleeper = sleeper
            let interval = interval
            try? await cancelWhenGracefulShutdown { try await sleeper.sleep(for: interval) }
        }
    }

    /// One pruning pass; failures are logged and retried at the next pass.
    func pruneOnce() async {
        let now = clock.now()
        let cutoff = now.adding(.zero - retention).microseconds
        do {
            let drops =
                try await store.prune(.user, createdBeforeMicros: cutoff)
                + store.prune(.journalist, createdBeforeMicros: cutoff)
            let forms = try await store.pruneExpiredSignatures(nowMicros: now.microseconds)
            let keys = try await store.deleteExpired(nowMicros: cutoff)
            let rotations = try await store.pruneExpiredIdentityRotations(nowMicros: now.microseconds)
            logger.debug(
                "retention pass",
                metadata: [
                    "dead_drops": "\(drops)", "form_signatures": "\(forms)", "keys": "\(keys)",
                    "identity_rotations": "\(rotations)",
                ])
        } catch {
            logger.error("retention pass failed", metadata: ["error": "\(error)"])
        }
    }
}
