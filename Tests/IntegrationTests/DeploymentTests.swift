import Foundation
import Testing
import TiplineTestSupport

#if canImport(Glibc)
import Glibc
#endif

/// The scale-out deployment on loopback, every piece a real process: PostgreSQL (from `TIPLINE_POSTGRES_URL`, a
/// fresh database per run), two `tipline api` instances over it, nginx in front (load balancing with retries,
/// caching public keys and dead drops), one `tipline covernode`, a journalist vault and simulated readers going
/// through nginx. One API instance and the CoverNode are killed with SIGKILL mid-run.
///
/// Without `TIPLINE_POSTGRES_URL` the test is disabled, unless `CI` is set: then it fails.
@Suite(.serialized) struct DeploymentTests {
    static let environment = ProcessInfo.processInfo.environment
    static let enabled = environment["TIPLINE_POSTGRES_URL"] != nil || environment["CI"] != nil

    @Test(.enabled(if: enabled, "needs TIPLINE_POSTGRES_URL (scripts/start-postgres.sh)"), .timeLimit(.minutes(3)))
    func survivesKilledAPIAndCoverNode() async throws {
        let serverURL = try #require(Self.environment["TIPLINE_POSTGRES_URL"], "TIPLINE_POSTGRES_URL is not set")
        let folder = try TemporaryDirectory(), directory = folder.url
        // nginx workers drop root privileges: they must be able to reach the cache folder.
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: directory.path)
        let processes = DeploymentProcesses(directory: directory)
        let database = try await DeploymentDatabase.create(serverURL: serverURL, processes: processes)
        defer {
            processes.stopAll()
            database.drop(processes: processes)
            folder.remove()
        }
        let deployment = try await Deployment.start(database: database, processes: processes)

        try await deployment.expectCachedPublicData()

        // Phase 1: readers through nginx; one API instance dies (SIGKILL) while they run.
        let phase1 = try await deployment.readers("readers-1") {
            try await Task.sleep(for: .milliseconds(1500))
            processes.kill("api-1")
        }
        #expect(phase1.sent > 0)
        #expect(phase1.errors == 0, "readers should retry through the surviving instance")
        let storedAfterPhase1 = try await database.count("u2c_messages", processes: processes)
        #expect(storedAfterPhase1 >= phase1.sent, "an acknowledged message is missing from the stream")

        // Phase 2: only the second instance is left; the CoverNode dies (SIGKILL) while readers run.
        let phase2 = try await deployment.readers("readers-2") {
            try await Task.sleep(for: .milliseconds(1000))
            processes.kill("covernode")
        }
        #expect(phase2.sent == phase2.attempted)
        #expect(phase2.errors == 0)
        let stored = try await database.count("u2c_messages", processes: processes)
        #expect(stored >= phase1.sent + phase2.sent, "an acknowledged message is missing from the stream")

        // The CoverNode restarts from its checkpoint and catches up with the whole stream.
        try deployment.startCoverNode(bundle: nil)
        let last = try await database.scalar(
            "SELECT coalesce(max(position), 0) FROM u2c_messages", processes: processes)
        try await processes.waitUntil("the CoverNode checkpoint", timeout: .seconds(30)) {
            let checkpoint = try await database.scalar(
                "SELECT coalesce(max(position), 0) FROM stream_checkpoints WHERE consumer LIKE '%u2j%'",
                processes: processes)
            return checkpoint >= last
        }

        // Every real message reaches the journalist exactly once.
        let realSent = phase1.realSent + phase2.realSent
        #expect(realSent > 0)
        var received = 0
        try await processes.waitUntil("the journalist to receive every real message", timeout: .seconds(40)) {
            received = try await deployment.journalistMessageCount()
            return received >= realSent
        }
        try await Task.sleep(for: .seconds(6))  // one more mixing timeout: nothing arrives twice
        received = try await deployment.journalistMessageCount()
        #expect(received == realSent)

        // The restarted CoverNode exports aggregate counters, never a recipient.
        let metrics = try await deployment.coverNodeMetrics()
        #expect(metrics.contains(#"tipline_covernode_releases_total{direction="u2j"}"#))
        #expect(!metrics.contains("alice") && !metrics.contains("tag"))
    }
}

/// The readers' summary lines that the test checks.
struct ReadersReport {
    var attempted = 0
    var sent = 0
    var realSent = 0
    var errors = 0

    /// Parses the report `tipline readers` prints.
    init(_ output: String) throws {
        func numbers(after label: String) -> [Int] {
            guard let line = output.split(separator: "\n").last(where: { $0.hasPrefix(label) }) else { return [] }
            return line.dropFirst(label.count).split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }
        }
        let messages = numbers(after: "messages sent")
        let real = numbers(after: "real messages")
        let errors = numbers(after: "errors")
        guard messages.count >= 2, let realSent = real.first, let errorCount = errors.first else {
            throw TestFailure("unexpected readers report:\n\(output)")
        }
        sent = messages[0]
        attempted = messages[1]
        self.realSent = realSent
        self.errors = errorCount
    }
}
