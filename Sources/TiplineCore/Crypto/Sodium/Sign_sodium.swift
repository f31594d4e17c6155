import CSodium

/// Ed25519 detached signatures and Argon2id password hashing.
extension Sodium {
    static let signSeedBytes = Int(crypto_sign_SEEDBYTES)
    static let signPublicKeyBytes = Int(crypto_sign_PUBLICKEYBYTES)
    static let signSecretKeyBytes = Int(crypto_sign_SECRETKEYBYTES)
    static let signatureBytes = Int(crypto_sign_BYTES)

    static func signSeedKeyPair(seed: [UInt8]) throws -> (publicKey: [UInt8], secretKey: [UInt8]) {
        try ensureInitialised()
        try requireLength(seed.count, is: signSeedBytes, "an Ed25519 seed")
        var pk = [UInt8](repeating: 0, count: signPublicKeyBytes)
        var sk = [UInt8](repeating: 0, count: signSecretKeyBytes)
        guard crypto_sign_seed_keypair(&pk, &sk, seed) == 0 else {
            throw TiplineCoreError(.invalidArgument, "crypto_sign_seed_keypair failed")
        }
        return (pk, sk)
    }

    static func signDetached(_ message: [UInt8], secretKey: [UInt8]) throws -> [UInt8] {
        try ensureInitialised()
        var signatureLength: UInt64 = 0
        let result = output(signatureBytes) { out in
            withBytes(message) { crypto_sign_detached(out, &signatureLength, $0, $1, secretKey) }
        }
        guard let signature = result else { throw TiplineCoreError(.invalidArgument, "crypto_sign_detached failed") }
        return signature
    }

    static func verifyDetached(_ signature: [UInt8], message: [UInt8], publicKey: [UInt8]) -> Bool {
        guard (try? ensureInitialised()) != nil, signature.count == signatureBytes,
            publicKey.count == signPublicKeyBytes
        else { return false }
        return withBytes(message) { crypto_sign_verify_detached(signature, $0, $1, publicKey) } == 0
    }

    static func argon2id(
        password: [UInt8], salt: [UInt8], outputLength: Int, opsLimit: UInt64, memLimitBytes: Int
    ) throws -> [UInt8] {
        try ensureInitialised()
        guard salt.count == Int(crypto_pwhash_SALTBYTES) else {
            throw TiplineCoreError(.invalidLength, "an Argon2id salt is \(crypto_pwhash_SALTBYTES) bytes")
        }
        let result = password.withUnsafeBufferPointer { pw in
            pw.withMemoryRebound(to: CChar.self) { chars in
                output(outputLength) { out in
                    let dummy: CChar = 0
                    return withUnsafePointer(to: dummy) { dummyPointer in
                        crypto_pwhash(
                            out, UInt64(outputLength), chars.baseAddress ?? dummyPointer, UInt64(password.count),
                            salt, opsLimit, memLimitBytes, crypto_pwhash_alg_argon2id13())
                    }
                }
            }
        }
        guard let key = result else {
            throw TiplineCoreError(.libraryUnavailable, "Argon2id ran out of memory")
        }
        return key
    }
}
