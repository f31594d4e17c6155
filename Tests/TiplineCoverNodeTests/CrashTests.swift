import Foundation
import Testing
import TiplineAPIClient
import TiplineCore
import TiplineStorage
import TiplineTestSupport

/// Exactly-once delivery with real processes: `tipline api` and `tipline covernode` on loopback over one database,
/// 100 real messages hidden among 20 000 covers, the CoverNode killed with SIGKILL mid-batch, after writing an
/// intent, after publishing, after moving the checkpoint, after a batch and at a random moment. Every real message
/// must reach its journalist exactly once.
@Suite struct CrashTests {
    @Test(.timeLimit(.minutes(4)))
    func everyRealMessageArrivesExactlyOnceThroughSIGKILLsOnSQLite() async throws {
        let folder = try TemporaryDirectory()
        try await CrashScenario.run(backend: .sqlite(path: folder.file("tipline.sqlite")), in: folder)
    }

    @Test(.timeLimit(.minutes(4)), .enabled(if: StreamBackend.postgresEnabled, "TIPLINE_POSTGRES_URL is not set"))
    func everyRealMessageArrivesExactlyOnceThroughSIGKILLsOnPostgreSQL() async throws {
        let folder = try TemporaryDirectory()
        try await StreamBackend.withFreshPostgresDatabase { backend in
            try await CrashScenario.run(backend: backend, in: folder)
        }
    }
}

/// One run of the crash scenario on a backend.
struct CrashScenario {
    static let realCount = 100
    static let coverCount = 20_000
    static let passphrase = "crash test passphrase"

    let backend: StreamBackend
    let folder: TemporaryDirectory
    let port: Int
    let client: APIClient
    let deployment: TestDeployment

    static func run(backend: StreamBackend, in folder: TemporaryDirectory) async throws {
        try #require(
            FileManager.default.isExecutableFile(atPath: TiplineBinary.path),
            "build the CLI first: swift build --product tipline")
        let deployment = try TestDeployment(journalistIds: ["alice", "bob"], now: SystemWallClock().now())
        try deployment.trustAnchorsJSON().write(to: URL(fileURLWithPath: folder.file("anchors.json")))
        let port = try LoopbackPort.free()
        let api = try ChildProcess(
            "api", TiplineBinary.path,
            [
                "api", "--port", "\(port)", "--database", backend.apiDatabase, "--trust-anchors",
                folder.file("anchors.json"), "--log-level", "warning",
            ], logFolder: folder.url)
        defer { api.signal(SIGKILL) }
        try await withAPIClient(port: port) { client in
            let scenario = CrashScenario(
                backend: backend, folder: folder, port: port, client: client, deployment: deployment)
            try await backend.withStore { try await scenario.run(store: $0) }
        }
        api.signal(SIGTERM)
        _ = try await api.waitForExit(within: .seconds(30))
    }

    func coverNode(_ run: String, fault: String? = nil) throws -> ChildProcess {
        var environment = [
            "TIPLINE_COVERNODE_PASSPHRASE": Self.passphrase, "TIPLINE_MIXING_U2J_THRESHOLD_MIN": "1",
            "TIPLINE_MIXING_U2J_THRESHOLD_MAX": "1000", "TIPLINE_MIXING_U2J_OUTPUT_SIZE": "20",
            "TIPLINE_MIXING_U2J_TIMEOUT_SECONDS": "1", "TIPLINE_PIPELINE_POLL_INTERVAL_MS": "100",
            "TIPLINE_PIPELINE_MAX_BACKOFF_SECONDS": "1",
        ]
        environment["TIPLINE_FAULT"] = fault
        return try ChildProcess(
            "covernode-\(run)", TiplineBinary.path,
            [
                "covernode", "--api-url", "http://127.0.0.1:\(port)", "--state-dir", folder.file("covernode"),
                "--setup-bundle", folder.file("bundle.json"), "--profile", "test", "--log-level", "notice",
            ] + backend.coverNodeArguments, environment: environment, logFolder: folder.url)
    }

    func run(store: any TiplineStore) async throws {
        let clock = SystemWallClock()
        _ = try await eventually("the API to answer") { try? await client.healthCheck() }
        try await deployment.publish(to: client, now: clock.now())
        try JSONEncoder().encode(deployment.coverNodeSetupBundle(now: clock.now()))
            .write(to: URL(fileURLWithPath: folder.file("bundle.json")))

        // First start: the setup bundle is applied and a messaging key published; SIGTERM stops it cleanly.
        let first = try coverNode("bootstrap")
        let coverNodeKeys = try await eventually("a published CoverNode messaging key") {
            let keys = try await deployment.verifiedKeys(from: client, now: clock.now()).latestCoverNodeMessagingKeys
            return keys.isEmpty ? nil : keys
        }
        first.signal(SIGTERM)
        let stopped = try await first.waitForExit(within: .seconds(30))
        #expect(!stopped.signalled && stopped.status == 0, "a graceful stop exits with 0:\n\(first.logTail)")

        let expected = try await appendTraffic(coverNodeKeys, to: store)
        let lastPosition = try #require(try await store.read(.userToCoverNode, after: 0, limit: Int.max).last?.position)

        for fault in [
            "crash-after-input:5000", "crash-after-publish:3", "crash-after-intent:2", "crash-after-checkpoint:2",
            "crash-after-batch:3",
        ] {
            let run = try coverNode(fault, fault: fault)
            let exit = try await run.waitForExit(within: .seconds(90))
            #expect(exit.signalled && exit.status == SIGKILL, "\(fault) must end in SIGKILL:\n\(run.logTail)")
        }
        let victim = try coverNode("random-kill")
        try await Task.sleep(for: .milliseconds(Int.random(in: 300...2500)))
        victim.signal(SIGKILL)
        _ = try await victim.waitForExit(within: .seconds(10))

        let last = try coverNode("final")
        try await eventually("the final run to catch up", timeout: .seconds(240)) {
            try await store.checkpoint(consumer: "covernode-u2j") == lastPosition
                && !FileManager.default.fileExists(atPath: folder.file("covernode/u2j-intent.json"))
        }
        last.signal(SIGTERM)
        _ = try await last.waitForExit(within: .seconds(30))
        try await checkDelivery(expected)
    }

    /// Every real message reached its journalist once, in dead drops of the output size, none stored twice.
    func checkDelivery(_ expected: Set<String>) async throws {
        var deadDrops: [DeadDrop] = []
        var lastId: Int32 = 0
        while let page = Optional(try await client.deadDrops(.journalist, idsGreaterThan: lastId)), let next = page.last
        {
            deadDrops += page.map(\.deadDrop)
            lastId = next.id
        }
        #expect(Set(deadDrops.map(\.data)).count == deadDrops.count, "no dead drop is stored twice")
        #expect(deadDrops.allSatisfy { $0.messages.count == 20 })
        let now = SystemWallClock().now()
        let keys = try await deployment.verifiedKeys(from: client, now: now)
        var received: [String: Int] = [:]
        for journalist in deployment.journalists {
            for text in try Reader.texts(in: deadDrops, for: journalist, keys: keys, now: now) {
                received["\(journalist.id): \(text)", default: 0] += 1
            }
        }
        #expect(received.count == Self.realCount)
        #expect(Set(received.keys) == expected)
        #expect(received.values.allSatisfy { $0 == 1 }, "duplicates: \(received.filter { $0.value > 1 }.keys.sorted())")
    }

    /// Appends the reals (alternating alice and bob) at random places among the covers; returns what each
    /// journalist should read, as `"<journalist>: <text>"`.
    func appendTraffic(
        _ coverNodeKeys: [EncryptionPublicKey<Role.CoverNodeMessaging>], to store: any TiplineStore
    ) async throws -> Set<String> {
        let journalists = deployment.journalists
        let reals = try (0..<Self.realCount).map { index in
            let journalist = journalists[index % journalists.count]
            let text = "real message \(index)"
            return ("\(journalist.id): \(text)", try Reader.message(text, to: journalist, coverNodeKeys: coverNodeKeys))
        }
        let covers = try await withThrowingTaskGroup(of: [[UInt8]].self) { group in
            for _ in 0..<4 {
                group.addTask {
                    try (0..<Self.coverCount / 4).map { _ in try UserToCoverNodeMessage.sealCover(to: coverNodeKeys) }
                }
            }
            return try await group.reduce(into: []) { $0 += $1 }
        }
        var messages = (covers + reals.map(\.1)).map { Data($0) }
        messages.shuffle()
        for start in stride(from: 0, to: messages.count, by: 2000) {
            try await store.append(.userToCoverNode, Array(messages[start..<min(start + 2000, messages.count)]))
        }
        return Set(reals.map(\.0))
    }
}
