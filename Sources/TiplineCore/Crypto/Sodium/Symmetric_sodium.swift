import CSodium

/// Secret-key constructions: XSalsa20-Poly1305 secretbox and XChaCha20-Poly1305-IETF AEAD.
extension Sodium {
    static let secretBoxKeyBytes = Int(crypto_secretbox_KEYBYTES)
    static let secretBoxNonceBytes = Int(crypto_secretbox_NONCEBYTES)
    static let secretBoxMACBytes = Int(crypto_secretbox_MACBYTES)
    static let aeadKeyBytes = Int(crypto_aead_xchacha20poly1305_ietf_KEYBYTES)
    static let aeadNonceBytes = Int(crypto_aead_xchacha20poly1305_ietf_NPUBBYTES)
    static let aeadTagBytes = Int(crypto_aead_xchacha20poly1305_ietf_ABYTES)

    static func secretBoxEasy(_ message: [UInt8], nonce: [UInt8], key: [UInt8]) throws -> [UInt8] {
        try encrypt(message, overhead: secretBoxMACBytes, failure: "crypto_secretbox_easy failed") {
            crypto_secretbox_easy($0, $1, $2, nonce, key)
        }
    }

    static func secretBoxOpenEasy(_ boxed: ArraySlice<UInt8>, nonce: [UInt8], key: [UInt8]) throws -> [UInt8] {
        try ensureInitialised()
        guard boxed.count >= secretBoxMACBytes else {
            throw TiplineCoreError(.invalidLength, "a secret box is at least \(secretBoxMACBytes) bytes")
        }
        let result = boxed.withUnsafeBufferPointer { box in
            output(boxed.count - secretBoxMACBytes) { out in
                crypto_secretbox_open_easy(out, box.baseAddress.unsafelyUnwrapped, UInt64(boxed.count), nonce, key)
            }
        }
        guard let message = result else { throw TiplineCoreError(.decryptionFailed, "the secret box did not open") }
        return message
    }

    static func aeadEncrypt(_ message: [UInt8], nonce: [UInt8], key: [UInt8]) throws -> [UInt8] {
        var written: UInt64 = 0
        return try encrypt(message, overhead: aeadTagBytes, failure: "AEAD encryption failed") {
            crypto_aead_xchacha20poly1305_ietf_encrypt($0, &written, $1, $2, nil, 0, nil, nonce, key)
        }
    }

    static func aeadDecrypt(_ boxed: ArraySlice<UInt8>, nonce: ArraySlice<UInt8>, key: [UInt8]) throws -> [UInt8] {
        try ensureInitialised()
        guard boxed.count >= aeadTagBytes, nonce.count == aeadNonceBytes else {
            throw TiplineCoreError(.invalidLength, "a secret box is at least \(aeadTagBytes + aeadNonceBytes) bytes")
        }
        var written: UInt64 = 0
        let result = boxed.withUnsafeBufferPointer { box in
            nonce.withUnsafeBufferPointer { n in
                output(boxed.count - aeadTagBytes) { out in
                    crypto_aead_xchacha20poly1305_ietf_decrypt(
                        out, &written, nil, box.baseAddress.unsafelyUnwrapped, UInt64(boxed.count), nil, 0,
                        n.baseAddress.unsafelyUnwrapped, key)
                }
            }
        }
        guard let message = result else { throw TiplineCoreError(.decryptionFailed, "the secret box did not open") }
        return message
    }
}
