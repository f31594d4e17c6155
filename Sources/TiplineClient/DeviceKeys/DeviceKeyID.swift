/// The name of one key in a ``DeviceKeyStore`` (random, chosen by the store; a Keychain application tag on iOS).
public struct DeviceKeyID: Hashable, Sendable, CustomStringConvertible {
    /// The store's name for the key.
    public let rawValue: String

    /// Wraps a store's name for a key.
    public init(rawValue: String) { self.rawValue = rawValue }

    /// The raw identifier.
    public var description: String { rawValue }
}
