import TiplineCore

/// Trial decryptors by the keys they were made for. The dead drops of one page were usually made while the same keys
/// were valid, and each decryptor precomputes one shared key per (CoverNode key, own key) pair, so they are reused.
struct TrialDecryptors {
    private var made: [[[UInt8]]: TrialDecryptor] = [:]

    /// The decryptor for exactly these keys (own keys in trial order), made on first use.
    mutating func decryptor(
        coverNodeKeys: [EncryptionPublicKey<Role.CoverNodeMessaging>],
        ownKeys: [EncryptionKeyPair<Role.JournalistMessaging>]
    ) throws -> TrialDecryptor {
        let id =
            Set(coverNodeKeys.map(\.bytes)).sorted { $0.lexicographicallyPrecedes($1) } + [[]]
            + ownKeys.map(\.publicKey.bytes)
        if let decryptor = made[id] { return decryptor }
        let decryptor = try TrialDecryptor(coverNodeKeys: coverNodeKeys, ownKeys: ownKeys)
        made[id] = decryptor
        return decryptor
    }
}
