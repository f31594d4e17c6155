/// Argon2id (version 0x13) password-based key derivation through libsodium's `crypto_pwhash`.
///
/// libsodium computes a single lane (parallelism 1) and needs 16-byte salts.
public struct PasswordKDF: Hashable, Sendable {
    /// Memory cost in KiB.
    public let memoryKiB: Int
    /// Number of passes.
    public let iterations: UInt64

    /// Creates a parameter set.
    public init(memoryKiB: Int, iterations: UInt64) {
        self.memoryKiB = memoryKiB
        self.iterations = iterations
    }

    /// CoverDrop's Android user-vault parameters for `crypto_pwhash` without a secure element (256 MiB, 3 passes).
    public static let userVault = PasswordKDF(memoryKiB: 262_144, iterations: 3)
    /// Parameters for a journalist or CoverNode vault on a server-class machine (256 MiB, 3 passes).
    public static let vault = PasswordKDF(memoryKiB: 262_144, iterations: 3)
    /// A cheap parameter set for tests and simulations only (8 MiB, 1 pass). Never for real secrets.
    public static let testOnly = PasswordKDF(memoryKiB: 8_192, iterations: 1)

    /// Salt length required by libsodium.
    public static let saltLength = 16

    /// The memory costs (KiB) accepted, 8 MiB to 4 GiB: parameters read from a file (a vault or key-store header)
    /// cannot ask for absurd work or overflow the byte count handed to libsodium.
    public static let acceptedMemoryKiB = 8_192...4_194_304
    /// The pass counts accepted.
    public static let acceptedIterations: ClosedRange<UInt64> = 1...64

    /// Whether both costs are within ``acceptedMemoryKiB`` and ``acceptedIterations``.
    public var hasAcceptedCost: Bool {
        Self.acceptedMemoryKiB.contains(memoryKiB) && Self.acceptedIterations.contains(iterations)
    }

    /// Derives `length` bytes from `password` and a 16-byte `salt`.
    /// - Throws: `TiplineCoreError` when a cost is outside the accepted ranges, the salt length is wrong or memory
    ///   cannot be allocated.
    public func deriveKey(password: [UInt8], salt: [UInt8], length: Int = 32) throws -> [UInt8] {
        guard hasAcceptedCost else {
            throw TiplineCoreError(.invalidArgument, "the Argon2id cost is outside the accepted ranges")
        }
        return try Sodium.argon2id(
            password: password, salt: salt, outputLength: length, opsLimit: iterations,
            memLimitBytes: memoryKiB * 1024)
    }
}
