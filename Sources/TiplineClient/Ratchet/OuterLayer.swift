import TiplineCore

/// The outer layer of one protected file (HiddenSloth's construction with libsodium primitives only):
/// `wrapped temporary key ‖ XChaCha20-Poly1305(temporary key, inner bytes) ‖ tag ‖ nonce`, where the temporary key is
/// 32 fresh random bytes per write, wrapped by a ``DeviceKeyStore`` key. Fixed overhead for a given store.
enum OuterLayer {
    /// Bytes the outer layer adds to the inner file with `store`.
    static func overhead(_ store: any DeviceKeyStore) -> Int { store.wrappedKeyLength + SecretBox.overhead }

    /// Encrypts `inner` under a fresh temporary key wrapped by `key`.
    /// - Throws: ``ClientError`` with `.storage` when the store fails or breaks its length promise.
    static func seal(_ inner: [UInt8], under key: DeviceKeyID, in store: any DeviceKeyStore) throws -> [UInt8] {
        var temporary = SecureRandom.bytes(SecretBox.keyLength)
        defer { Hashing.wipe(&temporary) }
        let wrapped = try store.wrap(temporary, with: key)
        guard wrapped.count == store.wrappedKeyLength else {
            throw ClientError(.storage, "the device key store wrapped a key to an unexpected length")
        }
        do {
            return wrapped + (try SecretBox.seal(inner, key: temporary))
        } catch {
            throw ClientError(.storage, "the outer layer cannot be sealed")
        }
    }

    /// The inner bytes, or `nil` when none of `keys` opens `outer`.
    /// - Throws: ``ClientError`` when the store cannot be used (nothing may be replaced then).
    static func open(_ outer: [UInt8], keys: [DeviceKeyID], in store: any DeviceKeyStore) throws -> [UInt8]? {
        let wrapped = Array(outer.prefix(store.wrappedKeyLength))
        let sealed = Array(outer.dropFirst(store.wrappedKeyLength))
        for key in keys {
            guard var temporary = try store.unwrap(wrapped, with: key) else { continue }
            defer { Hashing.wipe(&temporary) }
            if let inner = try? SecretBox.open(sealed, key: temporary) { return inner }
        }
        return nil
    }
}
