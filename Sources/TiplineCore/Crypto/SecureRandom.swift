/// Randomness from libsodium's CSPRNG, and other small primitives that must never be hand-written.
public enum SecureRandom {
    /// `count` uniformly random bytes.
    public static func bytes(_ count: Int) -> [UInt8] { Sodium.randomBytes(count) }

    /// A uniformly random integer in `0..<upperBound` without modulo bias.
    public static func uniform(_ upperBound: Int) -> Int {
        guard upperBound > 1 else { return 0 }
        return Int(Sodium.randomUniform(UInt32(clamping: upperBound)))
    }

    /// Shuffles `elements` in place with a Fisher–Yates shuffle driven by the CSPRNG.
    public static func shuffle<T>(_ elements: inout [T]) {
        guard elements.count > 1 else { return }
        for index in stride(from: elements.count - 1, to: 0, by: -1) {
            elements.swapAt(index, uniform(index + 1))
        }
    }
}

/// Hashes and comparisons from libsodium.
package enum Hashing {
    /// SHA-256 of `message`.
    package static func sha256(_ message: [UInt8]) -> [UInt8] { Sodium.sha256(message) }
    /// SHA-512 of `message`.
    package static func sha512(_ message: [UInt8]) -> [UInt8] { Sodium.sha512(message) }
    /// HMAC-SHA-256 of `message` under `key`.
    package static func hmacSHA256(key: [UInt8], message: [UInt8]) -> [UInt8] {
        Sodium.hmacSHA256(key: key, message: message)
    }
    /// Compares two byte strings in time independent of their contents.
    package static func constantTimeEquals(_ a: [UInt8], _ b: [UInt8]) -> Bool { Sodium.constantTimeEquals(a, b) }
    /// Overwrites `bytes` with zeros in a way the optimiser cannot remove.
    package static func wipe(_ bytes: inout [UInt8]) { Sodium.zero(&bytes) }
}
