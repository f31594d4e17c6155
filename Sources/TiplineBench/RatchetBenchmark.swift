import Foundation
import TiplineClient
import TiplineCore

/// `tipline-bench ratchet`: one ratchet of a reader app's protected files (vault 512 KiB and sending queue, software
/// device key store: new key, two wraps, two durable atomic replacements, old key erased) next to one plain atomic
/// rewrite of the same files (what a checkpoint did before the outer layer) and the outer layer's symmetric
/// encryption alone, in the same run.
///
/// Options: `--iterations N` (21, the median is printed). The paper's phones spent 0.28–0.62 s per ratchet, almost
/// all of it in the secure element; here the cost is the two `fsync`s per file and the key file.
enum RatchetBenchmark {
    static func run(arguments: [String]) async throws {
        let iterations = max(BenchmarkArguments(arguments: arguments).int("--iterations", default: 21), 1)
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("tipline-ratchet-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let state = root.appendingPathComponent("state")
        try FileManager.default.createDirectory(at: state, withIntermediateDirectories: true)
        var files: [(URL, [UInt8])] = []
        for file in StorageRatchet.protectedFiles {
            guard let length = StorageRatchet.innerLength(of: file) else { continue }
            files.append((state.appendingPathComponent(file.fileName), SecureRandom.bytes(length)))
        }
        for (url, bytes) in files { try Data(bytes).write(to: url) }
        let ratchet = StorageRatchet(
            directory: state, deviceKeys: SoftwareDeviceKeyStore(directory: root.appendingPathComponent("keys")))
        try ratchet.ratchet()  // moves the files to the outer layer

        var ratchets: [Double] = [], rewrites: [Double] = [], crypto: [Double] = []
        let key = SecureRandom.bytes(SecretBox.keyLength)
        for _ in 0..<iterations {
            ratchets.append(try measure { try ratchet.ratchet() })
            let plain = root.appendingPathComponent("plain")
            try FileManager.default.createDirectory(at: plain, withIntermediateDirectories: true)
            rewrites.append(
                try measure {
                    for (url, bytes) in files {
                        try Data(bytes).write(to: plain.appendingPathComponent(url.lastPathComponent), options: .atomic)
                    }
                })
            crypto.append(try measure { for (_, bytes) in files { _ = try SecretBox.seal(bytes, key: key) } })
        }
        let (r, p, c) = (median(ratchets), median(rewrites), median(crypto))
        print("reader ratchet: vault + queue (\(files.map(\.1.count).reduce(0, +)) B), \(iterations) runs, medians")
        print(row("ratchet (software device key store)", r))
        print(row("plain atomic rewrite of the same files", p))
        print(row("outer-layer encryption alone", c))
        print("ratchet / plain rewrite: \(String(format: "%.1f", r / max(p, 0.001)))×")
    }

    private static func measure(_ body: () throws -> Void) throws -> Double {
        let start = ContinuousClock.now
        try body()
        let elapsed = ContinuousClock.now - start
        return Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
    }

    private static func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }

    private static func row(_ label: String, _ ms: Double) -> String {
        label.padding(toLength: 42, withPad: " ", startingAt: 0) + String(format: "%9.2f ms", ms)
    }
}
