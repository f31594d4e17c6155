import CSodium

/// X25519 boxes: sealed boxes, `crypto_box` with a random nonce, precomputed shared keys.
extension Sodium {
    static let boxPublicKeyBytes = Int(crypto_box_PUBLICKEYBYTES)
    static let boxSecretKeyBytes = Int(crypto_box_SECRETKEYBYTES)
    static let boxMACBytes = Int(crypto_box_MACBYTES)
    static let boxNonceBytes = Int(crypto_box_NONCEBYTES)
    static let boxSharedKeyBytes = Int(crypto_box_BEFORENMBYTES)
    /// `crypto_box_SEALBYTES` is a compound macro Swift cannot import; libsodium exports a function.
    static let sealBytes = Int(crypto_box_sealbytes())

    static func boxKeyPair() throws -> (publicKey: [UInt8], secretKey: [UInt8]) {
        try ensureInitialised()
        var pk = [UInt8](repeating: 0, count: boxPublicKeyBytes)
        var sk = [UInt8](repeating: 0, count: boxSecretKeyBytes)
        guard crypto_box_keypair(&pk, &sk) == 0 else {
            throw TiplineCoreError(.libraryUnavailable, "crypto_box_keypair failed")
        }
        return (pk, sk)
    }

    static func scalarMultBase(_ secretKey: [UInt8]) throws -> [UInt8] {
        try ensureInitialised()
        try requireLength(secretKey.count, is: boxSecretKeyBytes, "an X25519 secret key")
        guard let pk = output(boxPublicKeyBytes, { crypto_scalarmult_base($0, secretKey) }) else {
            throw TiplineCoreError(.invalidArgument, "crypto_scalarmult_base failed")
        }
        return pk
    }

    /// Any fixed scalar: `crypto_scalarmult` clamps it to a multiple of 8 below the group orders.
    private static let smallOrderProbe = [UInt8](repeating: 0x55, count: 32)

    /// Whether `publicKey` is a point of small order. `crypto_scalarmult` refuses one (libsodium checks its
    /// blocklist of such points and then for an all-zero product), exactly as every box would.
    static func hasSmallOrder(_ publicKey: [UInt8]) throws -> Bool {
        try ensureInitialised()
        return output(Int(crypto_scalarmult_bytes())) { crypto_scalarmult($0, smallOrderProbe, publicKey) } == nil
    }

    static func seal(_ message: [UInt8], to publicKey: [UInt8]) throws -> [UInt8] {
        try encrypt(message, overhead: sealBytes, failure: "crypto_box_seal refused the recipient key") {
            crypto_box_seal($0, $1, $2, publicKey)
        }
    }

    static func sealOpen(_ sealed: [UInt8], publicKey: [UInt8], secretKey: [UInt8]) throws -> [UInt8] {
        try ensureInitialised()
        guard sealed.count >= sealBytes else {
            throw TiplineCoreError(.invalidLength, "a sealed box is at least \(sealBytes) bytes")
        }
        let result = output(sealed.count - sealBytes) { out in
            crypto_box_seal_open(out, sealed, UInt64(sealed.count), publicKey, secretKey)
        }
        guard let message = result else {
            throw TiplineCoreError(.decryptionFailed, "the anonymous box did not open")
        }
        return message
    }

    static func boxEasy(_ message: [UInt8], nonce: [UInt8], publicKey: [UInt8], secretKey: [UInt8]) throws -> [UInt8] {
        try encrypt(message, overhead: boxMACBytes, failure: "crypto_box_easy refused the key pair") {
            crypto_box_easy($0, $1, $2, nonce, publicKey, secretKey)
        }
    }

    static func boxOpenEasy(
        _ boxed: ArraySlice<UInt8>, nonce: ArraySlice<UInt8>, publicKey: [UInt8], secretKey: [UInt8]
    ) throws -> [UInt8] {
        try ensureInitialised()
        guard boxed.count >= boxMACBytes, nonce.count == boxNonceBytes else {
            throw TiplineCoreError(.invalidLength, "a two party box is at least \(boxMACBytes + boxNonceBytes) bytes")
        }
        let result = boxed.withUnsafeBufferPointer { box in
            nonce.withUnsafeBufferPointer { n in
                output(boxed.count - boxMACBytes) { out in
                    crypto_box_open_easy(
                        out, box.baseAddress.unsafelyUnwrapped, UInt64(boxed.count), n.baseAddress.unsafelyUnwrapped,
                        publicKey, secretKey)
                }
            }
        }
        guard let message = result else {
            throw TiplineCoreError(.decryptionFailed, "the two party box did not open")
        }
        return message
    }

    static func boxBeforeNM(publicKey: [UInt8], secretKey: [UInt8]) throws -> [UInt8] {
        try ensureInitialised()
        guard let key = output(boxSharedKeyBytes, { crypto_box_beforenm($0, publicKey, secretKey) }) else {
            throw TiplineCoreError(.invalidArgument, "crypto_box_beforenm refused the key pair")
        }
        return key
    }

    static func boxOpenEasyAfterNM(
        _ boxed: ArraySlice<UInt8>, nonce: ArraySlice<UInt8>, sharedKey: [UInt8]
    ) -> [UInt8]? {
        guard boxed.count >= boxMACBytes, nonce.count == boxNonceBytes else { return nil }
        return boxed.withUnsafeBufferPointer { box in
            nonce.withUnsafeBufferPointer { n in
                output(boxed.count - boxMACBytes) { out in
                    crypto_box_open_easy_afternm(
                        out, box.baseAddress.unsafelyUnwrapped, UInt64(boxed.count), n.baseAddress.unsafelyUnwrapped,
                        sharedKey)
                }
            }
        }
    }

    static func boxEasyAfterNM(_ message: [UInt8], nonce: [UInt8], sharedKey: [UInt8]) throws -> [UInt8] {
        try encrypt(message, overhead: boxMACBytes, failure: "crypto_box_easy_afternm failed") {
            crypto_box_easy_afternm($0, $1, $2, nonce, sharedKey)
        }
    }
}
