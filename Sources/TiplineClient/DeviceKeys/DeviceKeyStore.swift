/// The keys that wrap the outer layer's temporary keys: on a phone, keys inside its secure element that never leave
/// it (`docs/client.md` shows how an iOS app backs this with the Secure Enclave and an Android port with StrongBox).
///
/// The client uses a store in four ways, at every checkpoint of every installation: **create** a new key, **use** it to
/// wrap the fresh temporary keys of the rewritten files (and, at start, every existing key to unwrap them),
/// **replace** the previous key by the new one once the rewritten files are durable, and **delete** the previous key.
/// A deleted key must be gone for good: that is what makes an earlier snapshot of the files unreadable.
///
/// Contract: every call either does what it says or throws; ``keys()`` throws when the store cannot be reached (for
/// example while the phone is locked) instead of answering with an empty list, and ``unwrap(_:with:)`` returns `nil`
/// only when that key does not open those bytes.
public protocol DeviceKeyStore: Sendable {
    /// Length of what ``wrap(_:with:)`` returns for a 32-byte secret: the same for every call, so that file sizes
    /// never change.
    var wrappedKeyLength: Int { get }

    /// The keys that exist now, in no particular order.
    func keys() throws -> [DeviceKeyID]

    /// Creates a new key; it is durable when this returns.
    func createKey() throws -> DeviceKeyID

    /// Encrypts a 32-byte secret under `key`; exactly ``wrappedKeyLength`` bytes.
    func wrap(_ secret: [UInt8], with key: DeviceKeyID) throws -> [UInt8]

    /// Decrypts what ``wrap(_:with:)`` made with `key`, or `nil` when `key` does not open `wrapped` (another key,
    /// altered bytes, a key that no longer exists).
    func unwrap(_ wrapped: [UInt8], with key: DeviceKeyID) throws -> [UInt8]?

    /// Deletes `key` for good; done when this returns.
    func deleteKey(_ key: DeviceKeyID) throws
}
