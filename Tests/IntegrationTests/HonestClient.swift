import Foundation

/// An honest client's view of a server under attack: the latency of plain GETs, paced below the edge's per-address
/// request rate (20 r/s), and every answer that was not a 200.
struct HonestClient {
    /// What one series of requests saw.
    struct Sample {
        var latencies: [Duration] = []
        var failures: [String] = []

        /// The 99th percentile latency (nearest rank).
        var p99: Duration {
            let sorted = latencies.sorted()
            guard !sorted.isEmpty else { return .zero }
            let rank = Int((Double(sorted.count) * 0.99).rounded(.up)) - 1
            return sorted[max(0, min(rank, sorted.count - 1))]
        }
    }

    /// The URL the honest client asks (an uncached route, so each request reaches the server).
    let url: String
    /// Time between the starts of two requests.
    var interval: Duration = .milliseconds(60)

    /// `count` sequential GETs.
    func sample(count: Int) async -> Sample {
        var sample = Sample()
        let clock = ContinuousClock()
        for _ in 0..<count {
            let start = clock.now
            do {
                let status = try await DeploymentProcesses.get(url).status
                if status != 200 { sample.failures.append("status \(status)") }
            } catch {
                sample.failures.append("\(error)")
            }
            let elapsed = start.duration(to: clock.now)
            sample.latencies.append(elapsed)
            if elapsed < interval { try? await Task.sleep(for: interval - elapsed) }
        }
        return sample
    }
}

/// One attack against a running server, with the honest client's latency before, during and after it, and the
/// resident memory of the watched processes.
struct AbuseRun: CustomStringConvertible {
    /// How much slower (p99) the honest client may get during the attack than without it, in the same run.
    static let latencyRatio = 10.0
    /// How much the watched processes' resident memory may grow during the attack.
    static let memoryRatio = 2.0

    var baseline = HonestClient.Sample()
    var during = HonestClient.Sample()
    var after = HonestClient.Sample()
    var memoryBeforeKiB = 0
    var memoryPeakKiB = 0

    /// The slower of the honest client's p99 before and after the attack (a loaded machine slows both).
    var baselineP99: Duration {
        max(baseline.p99, after.p99)
    }

    /// Measures the honest client (`samples` requests each time), starts `attack` (which runs for a fixed time and
    /// reports what the attacker saw), waits `settle` for it to take hold, measures again while it runs (and the peak
    /// memory of `pids`), waits for the attack to end and measures once more.
    static func measure<Outcome: Sendable>(
        honest: HonestClient, samples: Int = 40, watching pids: @escaping @Sendable () -> [Int32],
        settle: Duration = .seconds(2), attack: @escaping @Sendable () async throws -> Outcome
    ) async throws -> (AbuseRun, Outcome) {
        var run = AbuseRun()
        _ = await honest.sample(count: 5)  // warm-up: a first request's set-up is no baseline
        run.baseline = await honest.sample(count: samples)
        run.memoryBeforeKiB = ProcessMemory.residentKiB(pids())
        let attackTask = Task { try await attack() }
        let memoryTask = Task {
            var peak = 0
            while !Task.isCancelled {
                peak = max(peak, ProcessMemory.residentKiB(pids()))
                try? await Task.sleep(for: .milliseconds(200))
            }
            return peak
        }
        defer { memoryTask.cancel() }
        try await Task.sleep(for: settle)
        run.during = await honest.sample(count: samples)
        let outcome = try await attackTask.value
        memoryTask.cancel()
        run.memoryPeakKiB = max(await memoryTask.value, ProcessMemory.residentKiB(pids()))
        run.after = await honest.sample(count: samples)
        return (run, outcome)
    }

    var description: String { summary }

    /// A line for the test log (and docs/reliability.md).
    var summary: String {
        "honest p99 \(format(baselineP99)) without the attack (before \(format(baseline.p99)), after "
            + "\(format(after.p99))), \(format(during.p99)) during it; RSS \(memoryBeforeKiB / 1024) MiB before, "
            + "peak \(memoryPeakKiB / 1024) MiB; honest failures \(during.failures.count)"
    }

    /// Whether the honest client's p99 during the attack stayed within ``latencyRatio`` of its p99 without it.
    var honestLatencyHeld: Bool {
        during.p99 <= baselineP99 * Self.latencyRatio
    }

    /// Whether the watched processes' peak resident memory stayed within ``memoryRatio`` of what it was before.
    var memoryHeld: Bool {
        Double(memoryPeakKiB) <= Double(memoryBeforeKiB) * Self.memoryRatio
    }

    private func format(_ duration: Duration) -> String {
        let milliseconds = Double(duration.components.attoseconds) / 1e15 + Double(duration.components.seconds) * 1e3
        return String(format: "%.1f ms", milliseconds)
    }
}
