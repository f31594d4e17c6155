import CSodium

/// The libsodium backend. Files named `*_sodium.swift` are the only ones that import `CSodium`.
enum Sodium {
    /// `sodium_init()` is idempotent and thread-safe; a static let runs it exactly once.
    private static let initResult: Int32 = sodium_init()

    static func ensureInitialised() throws {
        guard initResult >= 0 else {
            throw TiplineCoreError(.libraryUnavailable, "sodium_init failed")
        }
    }

    /// Allocates `count` bytes and lets a libsodium call fill them; `nil` when the call fails.
    static func output(_ count: Int, _ body: (UnsafeMutablePointer<UInt8>) -> Int32) -> [UInt8]? {
        var ok = false
        let out = [UInt8](unsafeUninitializedCapacity: max(count, 1)) { buffer, initialised in
            // The capacity is at least one byte, so the base address exists.
            guard let base = buffer.baseAddress else { return }
            ok = body(base) == 0
            initialised = count
        }
        return ok ? out : nil
    }

    /// Runs a libsodium encryption `call(output, message, messageLength)` that writes `message.count + overhead` bytes.
    /// - Throws: `TiplineCoreError` with `.libraryUnavailable`, or `.encryptionFailed` and `failure` when the call
    ///   fails.
    static func encrypt(
        _ message: [UInt8], overhead: Int, failure: String,
        _ call: (UnsafeMutablePointer<UInt8>, UnsafePointer<UInt8>, UInt64) -> Int32
    ) throws -> [UInt8] {
        try ensureInitialised()
        let result = output(message.count + overhead) { out in withBytes(message) { call(out, $0, $1) } }
        guard let boxed = result else { throw TiplineCoreError(.encryptionFailed, failure) }
        return boxed
    }

    /// Passes a pointer valid for the call even for an empty array (libsodium's pointers are `nonnull`).
    static func withBytes<R>(_ bytes: [UInt8], _ body: (UnsafePointer<UInt8>, UInt64) -> R) -> R {
        if bytes.isEmpty {
            let dummy: [UInt8] = [0]
            return dummy.withUnsafeBufferPointer { body($0.baseAddress.unsafelyUnwrapped, 0) }
        }
        return bytes.withUnsafeBufferPointer { body($0.baseAddress.unsafelyUnwrapped, UInt64(bytes.count)) }
    }

    static func randomBytes(_ count: Int) -> [UInt8] {
        _ = try? ensureInitialised()
        guard count > 0 else { return [] }
        var out = [UInt8](repeating: 0, count: count)
        randombytes_buf(&out, count)
        return out
    }

    static func randomUniform(_ upperBound: UInt32) -> UInt32 {
        _ = try? ensureInitialised()
        return randombytes_uniform(upperBound)
    }

    static func constantTimeEquals(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        guard !a.isEmpty else { return true }
        return sodium_memcmp(a, b, a.count) == 0
    }

    static func sha256(_ message: [UInt8]) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: Int(crypto_hash_sha256_BYTES))
        withBytes(message) { pointer, length in _ = crypto_hash_sha256(&out, pointer, length) }
        return out
    }

    static func sha512(_ message: [UInt8]) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: Int(crypto_hash_sha512_BYTES))
        withBytes(message) { pointer, length in _ = crypto_hash_sha512(&out, pointer, length) }
        return out
    }

    static func hmacSHA256(key: [UInt8], message: [UInt8]) -> [UInt8] {
        var state = crypto_auth_hmacsha256_state()
        var out = [UInt8](repeating: 0, count: Int(crypto_auth_hmacsha256_BYTES))
        withBytes(key) { keyPointer, keyLength in
            _ = crypto_auth_hmacsha256_init(&state, keyPointer, Int(keyLength))
        }
        withBytes(message) { pointer, length in _ = crypto_auth_hmacsha256_update(&state, pointer, length) }
        _ = crypto_auth_hmacsha256_final(&state, &out)
        return out
    }

    static func zero(_ bytes: inout [UInt8]) {
        guard !bytes.isEmpty else { return }
        let count = bytes.count
        bytes.withUnsafeMutableBytes { sodium_memzero($0.baseAddress.unsafelyUnwrapped, count) }
    }
}
