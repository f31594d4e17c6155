import Foundation
import TiplineClient
import TiplineCore

/// `tipline-bench reader`: 14 days of user dead drops (336 × 20 messages) trial-decrypted for a source talking to
/// 3 journalists with 2 messaging keys each — with precomputed shared keys (what `ReaderClient` does at unlock)
/// and with one key agreement per message and key (the naive way), side by side.
///
/// Options: `--drops N` (336), `--per-drop N` (20), `--iterations N` (5, the median is printed).
/// Targets: precomputed < 50 ms and ≥ 10× faster than the naive way.
enum ReaderBenchmark {
    static func run(arguments: [String]) async throws {
        let options = BenchmarkArguments(arguments: arguments)
        let drops = options.int("--drops", default: 336)
        let perDrop = options.int("--per-drop", default: 20)
        let iterations = options.int("--iterations", default: 5)

        let reader = try EncryptionKeyPair<Role.User>.generate()
        var journalists: [String: [EncryptionKeyPair<Role.JournalistMessaging>]] = [:]
        for id in ["alice", "bob", "carol"] { journalists[id] = try (0..<2).map { _ in try .generate() } }
        let publicKeys = journalists.mapValues { $0.map(\.publicKey) }
        let deadDrops = try makeDeadDrops(count: drops, perDrop: perDrop, reader: reader, journalists: journalists)
        let expected = drops / 10 + (drops % 10 == 0 ? 0 : 1)
        print(
            "reader trial decryption: \(drops) dead drops × \(perDrop) messages, 3 journalists × 2 keys, \(iterations) runs"
        )

        var serial: [Double] = [], parallel: [Double] = [], naive: [Double] = []
        for _ in 0..<iterations {
            var found = 0
            serial.append(
                try measure {
                    found =
                        ReplyDecryptor(userKey: reader, journalistKeys: publicKeys).decryptSerially(deadDrops)
                        .count
                })
            try check(found, expected, "precomputed, one core")
            parallel.append(
                try await measureAsync {
                    found = await ReplyDecryptor(userKey: reader, journalistKeys: publicKeys).decrypt(deadDrops)
                        .count
                })
            try check(found, expected, "precomputed, all cores")
            naive.append(try measure { found = try naiveDecrypt(deadDrops, reader: reader, journalists: publicKeys) })
            try check(found, expected, "one key agreement per message")
        }
        let (s, p, n) = (median(serial), median(parallel), median(naive))
        print(row("precomputed shared keys, one core", s, target: "< 50 ms"))
        print(row("precomputed shared keys, all cores", p, target: "< 50 ms"))
        print(row("one key agreement per message", n, target: "baseline"))
        print("speed-up (one core): \(String(format: "%.1f", n / s))× (target ≥ 10×)")
        print("verdict: \(s < 50 && n / s >= 10 ? "meets" : "MISSES") the targets")
    }

    /// One reply to the reader in every tenth dead drop (rotating over journalists and keys), random fillers
    /// elsewhere: fillers cost the same to reject as real replies to someone else.
    private static func makeDeadDrops(
        count: Int, perDrop: Int, reader: EncryptionKeyPair<Role.User>,
        journalists: [String: [EncryptionKeyPair<Role.JournalistMessaging>]]
    ) throws -> [VerifiedDeadDrop] {
        let senders = journalists.keys.sorted().flatMap { journalists[$0] ?? [] }
        let start = SystemWallClock().now()
        return try (0..<count).map { index in
            var messages = (0..<perDrop).map { _ in SecureRandom.bytes(MessageSizes.journalistToUserEncrypted) }
            if index % 10 == 0, !messages.isEmpty {
                messages[perDrop / 2] = try JournalistToUserMessage.message(.init(text: "reply \(index)"))
                    .seal(from: senders[(index / 10) % senders.count], to: reader.publicKey)
            }
            let drop = try DeadDrop(
                kind: .user, data: messages.flatMap { $0 }, createdAt: start.adding(.seconds(Int64(index) * 3600)),
                signature: Signature(bytes: [UInt8](repeating: 0, count: Signature.length)), epoch: nil)
            return VerifiedDeadDrop(id: Int32(index + 1), verified: drop)
        }
    }

    /// The naive way: for every message, every candidate key, a full `crypto_box_open_easy` (X25519 + decryption).
    private static func naiveDecrypt(
        _ deadDrops: [VerifiedDeadDrop], reader: EncryptionKeyPair<Role.User>,
        journalists: [String: [EncryptionPublicKey<Role.JournalistMessaging>]]
    ) throws -> Int {
        let keys = journalists.keys.sorted().flatMap { journalists[$0] ?? [] }
        var found = 0
        for drop in deadDrops {
            for box in drop.deadDrop.messages {
                for key in keys {
                    guard let plain = try? TwoPartyBox.open(Array(box), from: key, with: reader),
                        (try? JournalistToUserMessage(serialized: plain)) != nil
                    else { continue }
                    found += 1
                    break
                }
            }
        }
        return found
    }

    /// A decryption path found the wrong number of replies: the numbers would be meaningless.
    private struct Mismatch: Error, CustomStringConvertible {
        let description: String
    }

    private static func check(_ found: Int, _ expected: Int, _ what: String) throws {
        guard found == expected else {
            throw Mismatch(description: "\(what) found \(found) replies, expected \(expected)")
        }
    }

    private static func measure(_ body: () throws -> Void) throws -> Double {
        let start = ContinuousClock.now
        try body()
        return milliseconds(ContinuousClock.now - start)
    }

    private static func measureAsync(_ body: () async throws -> Void) async throws -> Double {
        let start = ContinuousClock.now
        try await body()
        return milliseconds(ContinuousClock.now - start)
    }

    private static func milliseconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15
    }

    private static func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }

    private static func row(_ label: String, _ ms: Double, target: String) -> String {
        label.padding(toLength: 40, withPad: " ", startingAt: 0) + String(format: "%9.1f ms", ms) + "   (\(target))"
    }
}
