import Foundation
import Logging
import Prometheus
import ServiceLifecycle
import TiplineCore
import TiplineStorage

/// Group commit for the appender: concurrent `POST /user/messages` requests are written to the user → CoverNode
/// stream together, in one transaction, and each request is answered only once its batch is durably committed.
///
/// There is no timer. While one batch is being written, the next one fills up with whatever arrives; it is written
/// as soon as the previous commit returns. Under light load a batch is one message and adds no delay; under heavy
/// load batches grow (up to `maxBatch`) and the cost of each commit is shared. When `maxPending` messages are
/// already waiting, new ones are refused with 429, as CoverDrop does when its stream is over capacity.
actor MessageBatcher: Service {
    private let store: any TiplineStore
    private let clock: any WallClock
    private let maxBatch: Int
    private let maxPending: Int
    private let logger: Logger
    private let metrics: Metrics

    private var pending: [Data] = []
    private var waiters: [CheckedContinuation<Void, any Error>] = []
    private var wakeUp: CheckedContinuation<Void, Never>?
    private var stopping = false
    private var stopped = false

    init(
        store: any TiplineStore, clock: any WallClock, maxBatch: Int, maxPending: Int,
        registry: PrometheusCollectorRegistry, logger: Logger
    ) {
        self.store = store
        self.clock = clock
        self.maxBatch = maxBatch
        self.maxPending = maxPending
        self.logger = logger
        self.metrics = Metrics(registry: registry)
    }

    /// Returns once `message` is durably in the stream (or was already there).
    /// - Throws: ``APIError`` 429 when too many messages wait, 503 after shutdown or when the store's disk is full, 500
    ///   when the commit failed otherwise.
    func submit(_ message: Data) async throws {
        guard !stopped else { throw APIError(.unavailable, "the server is shutting down") }
        guard pending.count < maxPending else { throw APIError(.tooManyRequests, "Too many requests") }
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            pending.append(message)
            waiters.append(continuation)
            wakeUp?.resume()
            wakeUp = nil
        }
    }

    /// Commits batches until graceful shutdown or cancellation, then drains what is left.
    func run() async throws {
        await withTaskCancellationHandler {
            await withGracefulShutdownHandler {
                await commitLoop()
            } onGracefulShutdown: {
                Task { await self.stop() }
            }
        } onCancel: {
            Task { await self.stop() }
        }
    }

    private func commitLoop() async {
        while true {
            if pending.isEmpty {
                if stopping { break }
                await withCheckedContinuation { wakeUp = $0 }
                continue
            }
            let count = min(maxBatch, pending.count)
            let batch = Array(pending.prefix(count))
            let batchWaiters = Array(waiters.prefix(count))
            pending.removeFirst(count)
            waiters.removeFirst(count)
            await commit(batch, batchWaiters)
        }
        stopped = true
    }

    private func commit(_ batch: [Data], _ batchWaiters: [CheckedContinuation<Void, any Error>]) async {
        do {
            let stored = try await store.append(.userToCoverNode, batch, receivedAtMicros: clock.now().microseconds)
            metrics.record(batch: batch.count, stored: stored)
            for waiter in batchWaiters { waiter.resume() }
        } catch {
            logger.error("appender commit failed", metadata: ["messages": "\(batch.count)", "error": "\(error)"])
            // The whole batch was rolled back: every request in it is refused, none is acknowledged.
            let refusal =
                (error as? StorageError)?.code == .diskFull
                ? APIError.storageFull
                : APIError(.internalError, "Unexpected append failure")
            for waiter in batchWaiters { waiter.resume(throwing: refusal) }
        }
    }

    private func stop() {
        stopping = true
        wakeUp?.resume()
        wakeUp = nil
    }

    /// Aggregate appender metrics: messages stored or found already present, and batch sizes.
    private struct Metrics: Sendable {
        let stored: Counter
        let duplicates: Counter
        let batchSize: ValueHistogram

        init(registry: PrometheusCollectorRegistry) {
            let messages = MetricNameDescriptor(
                namespace: "tipline", subsystem: "appender", metricName: "messages", unitName: "total",
                helpText: "Messages acknowledged by the appender, by whether they were new or already stored.")
            stored = registry.makeCounter(descriptor: messages, labels: [("outcome", "stored")])
            duplicates = registry.makeCounter(descriptor: messages, labels: [("outcome", "duplicate")])
            batchSize = registry.makeValueHistogram(
                descriptor: MetricNameDescriptor(
                    namespace: "tipline", subsystem: "appender", metricName: "batch_size", unitName: "messages",
                    helpText: "Messages per appender commit."),
                buckets: [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 2048, 4096])
        }

        func record(batch: Int, stored count: Int) {
            stored.increment(by: Int64(count))
            duplicates.increment(by: Int64(batch - count))
            batchSize.record(Double(batch))
        }
    }
}
