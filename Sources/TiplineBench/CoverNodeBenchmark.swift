import Foundation
import Logging
import TiplineCore
import TiplineCoverNode
import TiplineStorage

/// `tipline-bench covernode [--messages 40000] [--real-percent 1] [--threshold 20000] [--output 100] [--widths 1,2]
/// [--repeats 3]`:
/// U2C messages processed per second end to end — read from a real SQLite stream, trial-decrypted, mixed, sealed,
/// signed and published into the SQLite dead-drop store (the API's insert, behind its signature check) — next to
/// raw `MultiAnonymousBox.open` calls per second on the same messages, the same cores and the same task-group width,
/// measured in the same run. Target: end to end ≥ 70% of raw, and near-linear from 1 to 2 cores.
enum CoverNodeBenchmark {
    static func run(arguments: [String]) async throws {
        let options = BenchmarkArguments(arguments: arguments)
        func option(_ name: String, _ fallback: Int) -> Int { options.int("--" + name, default: fallback) }
        let count = option("messages", 40_000)
        let realPercent = min(option("real-percent", 1), 100)
        let parameters = MixingParameters(
            thresholdMin: 1, thresholdMax: option("threshold", 20_000), timeout: .seconds(3600),
            outputSize: option("output", 100))
        let repeats = option("repeats", 3)
        let widths =
            arguments.firstIndex(of: "--widths").flatMap { index in
                index + 1 < arguments.count ? arguments[index + 1].split(separator: ",").compactMap { Int($0) } : nil
            } ?? [1, 2]

        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tipline-covernode-bench-\(UUID())")
            .path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let keys = try BenchmarkKeys()
        let store = try SQLiteStore(path: folder + "/tipline.sqlite")
        defer { try? store.close() }
        print("covernode: sealing \(count) U2C messages (\(realPercent)% real) …")
        let messages = try await keys.messages(count: count, realPercent: realPercent)
        for start in stride(from: 0, to: messages.count, by: 5000) {
            try await store.append(
                .userToCoverNode, messages[start..<min(start + 5000, messages.count)].map { Data($0) })
        }
        print("covernode: mixing \(parameters)")
        var endToEndByWidth: [Int: Double] = [:]
        for width in widths {
            // Raw and end-to-end runs alternate and the best of each counts: other load on the machine only slows.
            var raw = 0.0
            var endToEnd = 0.0
            for _ in 0..<repeats {
                raw = max(raw, try await rawOpens(messages, key: keys.messaging, width: width))
                try await store.saveCheckpoint(consumer: "covernode-u2j", position: 0)
                let publisher = StorePublisher(store: store, identity: keys.identityKey)
                let pipeline = try CoverNodePipeline(
                    .userToJournalist, parameters: parameters, store: store, api: publisher,
                    keyring: CoverNodeKeyring(keys: keys.coverNodeKeys, store: nil), directory: keys.directory,
                    stateDirectory: folder, settings: PipelineSettings(width: width), clock: SystemWallClock(),
                    logger: Logger(label: "tipline.bench.covernode"))
                let started = ContinuousClock.now
                try await pipeline.runUntilIdle()
                endToEnd = max(endToEnd, Double(count) / seconds(ContinuousClock.now - started))
                let expected = count / parameters.thresholdMax
                guard await publisher.published == expected else {
                    throw CoverNodeBenchmarkFailure("\(await publisher.published) dead drops instead of \(expected)")
                }
            }
            endToEndByWidth[width] = endToEnd
            print(
                String(
                    format:
                        "covernode width %d: end to end %.0f msg/s, raw MAB open %.0f/s, ratio %.0f%% (target >= 70%%), best of %d",
                    width, endToEnd, raw, 100 * endToEnd / raw, repeats))
        }
        if let one = endToEndByWidth[1], let two = endToEndByWidth[2] {
            print(String(format: "covernode: speed-up from 1 to 2 tasks %.2fx", two / one))
        }
    }

    /// Raw Multi-Anonymous-Box opens per second over `messages` with `width` tasks.
    static func rawOpens(
        _ messages: [[UInt8]], key: EncryptionKeyPair<Role.CoverNodeMessaging>, width: Int
    ) async throws -> Double {
        let chunk = (messages.count + width - 1) / width
        let started = ContinuousClock.now
        let opened = try await withThrowingTaskGroup(of: Int.self) { group in
            for start in stride(from: 0, to: messages.count, by: chunk) {
                group.addTask {
                    try messages[start..<min(start + chunk, messages.count)].reduce(0) {
                        $0 + (try MultiAnonymousBox.open($1, with: key).count > 0 ? 1 : 0)
                    }
                }
            }
            return try await group.reduce(0, +)
        }
        guard opened == messages.count else { throw CoverNodeBenchmarkFailure("only \(opened) boxes opened") }
        return Double(opened) / seconds(ContinuousClock.now - started)
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}

/// The keys of one CoverNode and one journalist, made locally.
private struct BenchmarkKeys {
    let messaging: EncryptionKeyPair<Role.CoverNodeMessaging>
    let identityKey: SignedPublicKey<SigningPublicKey<Role.CoverNodeIdentity>>
    let coverNodeKeys: CoverNodeKeys
    let journalist: EncryptionKeyPair<Role.JournalistMessaging>
    let directory = JournalistDirectory()
    static let journalistId = "benchmark_journalist"

    init() throws {
        let now = SystemWallClock().now()
        let organization = try SigningKeyPair<Role.Organization>.generate()
        let anchor = try organization.selfSigned(notValidAfter: now.adding(KeyLifetimes.longTerm))
        let provisioning = try SigningKeyPair<Role.CoverNodeProvisioning>.generate()
        let identity = try SigningKeyPair<Role.CoverNodeIdentity>.generate()
        identityKey = try provisioning.certify(
            identity.publicKey, notValidAfter: now.adding(KeyLifetimes.coverNodeIdentity))
        messaging = try .generate()
        let messagingKey = try identity.certify(messaging.publicKey, notValidAfter: now.adding(KeyLifetimes.messaging))
        coverNodeKeys = CoverNodeKeys(
            coverNodeId: "covernode_001", trustAnchors: [anchor],
            identities: [.init(keyPair: identity, certificate: identityKey, epoch: 1, addedAt: now)],
            messaging: [.init(keyPair: messaging, certificate: messagingKey, epoch: 2, addedAt: now)])
        journalist = try .generate()
        let journalistProvisioning = try SigningKeyPair<Role.JournalistProvisioning>.generate()
        let journalistIdentity = try SigningKeyPair<Role.JournalistIdentity>.generate()
        let year = now.adding(KeyLifetimes.longTerm)
        let response = PublicKeysResponse(
            journalistProfiles: [], defaultJournalistId: nil,
            keys: [
                .init(
                    orgPk: anchor.json, covernodes: [],
                    journalists: [
                        .init(
                            provisioningPk: try organization.certify(
                                journalistProvisioning.publicKey, notValidAfter: year
                            ).json,
                            journalists: [
                                Self.journalistId: [
                                    .init(
                                        idPk: try journalistProvisioning.certify(
                                            journalistIdentity.publicKey, notValidAfter: year
                                        ).json,
                                        msgPks: [
                                            try journalistIdentity.certify(journalist.publicKey, notValidAfter: year)
                                                .json
                                        ])
                                ]
                            ])
                    ])
            ], maxEpoch: 2)
        directory.update(from: VerifiedKeys(response, trustAnchors: [anchor], now: now))
    }

    /// `count` U2C messages, `realPercent` of them real, sealed on every core.
    func messages(count: Int, realPercent: Int) async throws -> [[UInt8]] {
        let keys = [messaging.publicKey]
        let journalistKey = journalist.publicKey
        let width = ProcessInfo.processInfo.activeProcessorCount
        let chunk = (count + width - 1) / width
        return try await withThrowingTaskGroup(of: (Int, [[UInt8]]).self) { group in
            for start in stride(from: 0, to: count, by: chunk) {
                group.addTask {
                    let sealed = try (start..<min(start + chunk, count)).map { index -> [UInt8] in
                        guard index % 100 < realPercent else { return try UserToCoverNodeMessage.sealCover(to: keys) }
                        return try UserToCoverNodeMessage.seal(
                            text: "benchmark message \(index)",
                            replyKey: EncryptionKeyPair<Role.User>.generate().publicKey,
                            journalistId: Self.journalistId, journalistKey: journalistKey, coverNodeKeys: keys)
                    }
                    return (start, sealed)
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }.sorted { $0.0 < $1.0 }.flatMap(\.1)
        }
    }
}

/// Publishes into the dead-drop store as the API's `POST /v1/journalist/dead-drops` handler does after HTTP:
/// signature check, then the idempotent insert.
private actor StorePublisher: CoverNodeAPI {
    let store: SQLiteStore
    let identity: SignedPublicKey<SigningPublicKey<Role.CoverNodeIdentity>>
    private(set) var published = 0

    init(store: SQLiteStore, identity: SignedPublicKey<SigningPublicKey<Role.CoverNodeIdentity>>) {
        self.store = store
        self.identity = identity
    }

    func publish(_ deadDrop: DeadDrop) async throws {
        guard deadDrop.isSigned(byAnyOf: [identity], at: SystemWallClock().now()) else {
            throw CoverNodeBenchmarkFailure("a dead drop's signature does not verify")
        }
        _ = try await store.append(
            .journalist, data: Data(deadDrop.data), createdAtMicros: deadDrop.createdAt.microseconds,
            signature: Data(deadDrop.signature.bytes), epoch: deadDrop.epoch)
        published += 1
    }

    nonisolated func publicKeys() async throws -> PublicKeysResponse {
        throw CoverNodeBenchmarkFailure("the benchmark publisher serves no keys")
    }

    nonisolated func submitKeyUpload(_ form: SignedForm, to path: String) async throws -> Int32 {
        throw CoverNodeBenchmarkFailure("the benchmark publisher takes no key uploads")
    }
}

private struct CoverNodeBenchmarkFailure: Error, CustomStringConvertible {
    let description: String
    init(_ what: String) { description = "covernode benchmark failed: \(what)" }
}
