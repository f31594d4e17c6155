import Foundation
import Hummingbird
import Logging
import ServiceLifecycle
import TiplineAPI
import TiplineAPIClient
import TiplineCore
import TiplineServer
import TiplineStorage

/// `tipline-bench appender`: appender ingest over real HTTP on loopback. The API runs in-process on a temporary SQLite
/// file; many HTTP/1.1 keep-alive clients post 773-byte messages (`POST /user/messages`) for a few seconds. The same
/// clients then drive an empty Hummingbird endpoint in the same run, and both are printed side by side.
///
/// Options: `--seconds N` (5, measured after a 1 s warm-up), `--clients N` (64 concurrent requests).
/// Targets: ≥ 10,000 accepted messages/s on 2 cores, p99 < 50 ms, at least half the empty endpoint's rate.
enum APIBenchmark {
    static func run(arguments: [String]) async throws {
        let options = BenchmarkArguments(arguments: arguments)
        let seconds = options.int("--seconds", default: 5)
        let clients = options.int("--clients", default: 64)
        let window = Duration.seconds(seconds)
        print(
            "appender ingest: \(clients) keep-alive clients, \(seconds) s measured after 1 s warm-up, 773-byte messages"
        )

        let empty = try await serve(emptyApplication) { port in
            try await AppenderLoad.drive(ports: [port], clients: clients, window: window)
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tipline-bench-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try SQLiteStore(path: folder.appendingPathComponent("bench.sqlite").path)
        defer { try? store.close() }
        let (appender, meanBatch) = try await serve({ onRunning in
            buildApplication(
                settings: APISettings(port: 0), store: store, trustAnchors: [], registry: GlobalMetrics.registry(),
                logLevel: LogLevelControl(.warning), onServerRunning: onRunning)
        }) { port -> (AppenderLoad.Measurement, Double) in
            let measurement = try await AppenderLoad.drive(ports: [port], clients: clients, window: window)
            return (measurement, commitBatchMean())
        }
        let stored = try await store.read(.userToCoverNode, after: 0, limit: Int.max).count
        let ceiling = try await storeCeiling(store, batch: max(1, Int(meanBatch.rounded())), window: window)

        print(AppenderLoad.row("empty Hummingbird endpoint", empty))
        print(AppenderLoad.row("POST /user/messages (SQLite)", appender))
        let ratio = appender.rate / max(empty.rate, 1)
        print(String(format: "ratio appender / empty: %.2f (target ≥ 0.50)", ratio))
        print(
            "acknowledged \(appender.acknowledged) messages, \(stored) in the stream, \(appender.failures) failed requests"
        )
        print(
            String(
                format: "mean commit batch: %.1f messages; the store alone, same batch size, no HTTP: %.0f msg/s",
                meanBatch, ceiling))
        let meets = appender.rate >= 10_000 && appender.p99 < 50 && ratio >= 0.5 && stored == appender.acknowledged
        print("verdict: \(meets ? "meets" : "MISSES") the targets")
    }

    /// Hummingbird answering `POST /user/messages` after reading the body, and nothing else: the baseline.
    private static func emptyApplication(onRunning: @escaping @Sendable (Int) async -> Void) -> some ApplicationProtocol
    {
        let router = Router()
        router.post("/user/messages") { request, _ -> String in
            _ = try await request.body.collect(upTo: 8192)
            return ""
        }
        var logger = Logger(label: "bench.empty")
        logger.logLevel = .warning
        return Application(
            router: router, configuration: ApplicationConfiguration(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in await onRunning(channel.localAddress?.port ?? 0) }, logger: logger)
    }

    /// Runs the app built by `make` on a free loopback port while `body` uses it, then shuts it down gracefully.
    private static func serve<App: ApplicationProtocol, T: Sendable>(
        _ make: (@escaping @Sendable (Int) async -> Void) -> App, _ body: @Sendable (Int) async throws -> T
    ) async throws -> T {
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let app = make { port in continuation.yield(port) }
        var logger = Logger(label: "bench")
        logger.logLevel = .warning
        let group = ServiceGroup(configuration: ServiceGroupConfiguration(services: [app], logger: logger))
        return try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            var iterator = ports.makeAsyncIterator()
            guard let port = await iterator.next() else {
                throw APIClientError(.unreachable, "the server did not start")
            }
            let result = try await body(port)
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
            return result
        }
    }

    /// What the store sustains without HTTP: back-to-back appends of `batch` fresh messages for `window`.
    private static func storeCeiling(_ store: SQLiteStore, batch: Int, window: Duration) async throws -> Double {
        let end = ContinuousClock.now.advanced(by: window)
        var appended = 0
        while ContinuousClock.now < end {
            let messages = (0..<batch).map { _ in Data(SecureRandom.bytes(MessageSizes.userToCoverNodeEncrypted)) }
            appended += try await store.append(.userToCoverNode, messages, receivedAtMicros: 0)
        }
        return Double(appended) / (window / .seconds(1))
    }

    /// Sum over count of the appender's batch-size histogram (the API no longer serves `GET /metrics`).
    private static func commitBatchMean() -> Double {
        let text = GlobalMetrics.text()
        func value(_ suffix: String) -> Double {
            let line = text.split(separator: "\n").first {
                $0.hasPrefix("tipline_appender_batch_size_messages_\(suffix) ")
            }
            return line.flatMap { $0.split(separator: " ").last }.flatMap { Double($0) } ?? 0
        }
        return value("sum") / max(value("count"), 1)
    }
}
