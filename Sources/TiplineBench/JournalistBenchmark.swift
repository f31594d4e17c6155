import Foundation
import TiplineCore
import TiplineJournalist

/// `tipline-bench journalist [--messages 500] [--keys 14] [--covernodes 2] [--for-me 25] [--iterations 5]`:
/// trial decryption of one journalist dead drop against the journalist's messaging keys and the CoverNode keys,
/// as `JournalistClient.sync()` does it (signature check, shared-key precomputation, outer and inner layers, text
/// decoding). Target: under 1 s for 500 messages and 14 keys.
enum JournalistBenchmark {
    static func run(arguments: [String]) async throws {
        let options = BenchmarkArguments(arguments: arguments)
        func option(_ name: String, _ fallback: Int) -> Int { options.int("--" + name, default: fallback) }
        let messageCount = option("messages", 500)
        let keyCount = option("keys", 14)
        let coverNodeCount = option("covernodes", 2)
        let forMe = min(option("for-me", 25), messageCount)
        let iterations = option("iterations", 5)

        let coverNodeIdentity = try SigningKeyPair<Role.CoverNodeIdentity>.generate()
        let now = Timestamp(seconds: 1_900_000_000)
        let identityKey = try coverNodeIdentity.certify(
            coverNodeIdentity.publicKey, notValidAfter: now.adding(.seconds(86_400)))
        let coverNodes = try (0..<coverNodeCount).map { _ in try EncryptionKeyPair<Role.CoverNodeMessaging>.generate() }
        let own = try (0..<keyCount).map { _ in try EncryptionKeyPair<Role.JournalistMessaging>.generate() }
        let reader = try EncryptionKeyPair<Role.User>.generate()
        var messages: [[UInt8]] = []
        for index in 0..<messageCount {
            let coverNode = coverNodes[index % coverNodes.count]
            if index < forMe {
                // Readers seal to whichever key they last saw; the CoverNode boxes to the newest.
                let sealed = try UserToJournalistMessage(
                    replyKey: reader.publicKey,
                    text: PaddedCompressedString(text: "message \(index) for the journalist")
                ).seal(to: own[index % own.count].publicKey)
                messages.append(try CoverNodeToJournalistMessage.seal(sealed, from: coverNode, to: own[0].publicKey))
            } else {
                messages.append(try CoverNodeToJournalistMessage.filler(from: coverNode))
            }
        }
        SecureRandom.shuffle(&messages)
        let deadDrop = try DeadDrop.sign(
            kind: .journalist, messages: messages, createdAt: now, epoch: 1, with: coverNodeIdentity)

        var timings: [Duration] = []
        var found = 0
        for _ in 0..<iterations {
            let clock = ContinuousClock()
            let start = clock.now
            guard deadDrop.isSigned(byAnyOf: [identityKey], at: now) else { throw BenchmarkFailure("signature") }
            let decryptor = try TrialDecryptor(coverNodeKeys: coverNodes.map(\.publicKey), ownKeys: own)
            let opened = decryptor.open(deadDrop)
            found = try opened.map { try $0.text.text() }.count
            timings.append(clock.now - start)
        }
        guard found == forMe else { throw BenchmarkFailure("found \(found) of \(forMe) messages") }
        timings.sort()
        let median = timings[timings.count / 2]
        let milliseconds = Double(median.components.seconds) * 1000 + Double(median.components.attoseconds) / 1e15
        print(
            """
            journalist trial decryption: \(messageCount) messages (\(forMe) for me) × \(keyCount) own keys × \
            \(coverNodeCount) CoverNode keys
              median of \(iterations): \(String(format: "%.1f", milliseconds)) ms \
            (\(String(format: "%.1f", milliseconds * 1000 / Double(messageCount))) µs per message); target < 1000 ms: \
            \(milliseconds < 1000 ? "met" : "NOT met")
            """)
    }
}

/// A benchmark whose result was wrong.
private struct BenchmarkFailure: Error, CustomStringConvertible {
    let description: String
    init(_ what: String) { description = "journalist benchmark failed: \(what)" }
}
