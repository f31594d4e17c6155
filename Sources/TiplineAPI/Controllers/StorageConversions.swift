import Foundation
import TiplineCore
import TiplineStorage

// Conversions between the core's wire types and the store's rows (`StoredJournalistProfile`,
// `StoredStatusEvent`, `PublishedKeyRole` on the store's side).

extension SignedPublicKey {
    /// The store row of this key, published under `role` by `parent` for `owner`.
    func publishedKey(role: PublishedKeyRole, parent: [UInt8]?, owner: String?, now: Timestamp) -> PublishedKey {
        PublishedKey(
            role: role, keyHex: key.hex, certificateHex: certificate.hex, notValidAfter: notValidAfter.rfc3339,
            notValidAfterMicros: notValidAfter.microseconds, parentKeyHex: parent.map(Hex.encode), ownerId: owner,
            addedAtMicros: now.microseconds)
    }
}

extension PublishedKey {
    /// The wire form `{"key", "certificate", "not_valid_after"}` with the expiry exactly as it was received.
    var json: SignedPublicKeyJSON {
        SignedPublicKeyJSON(key: keyHex, certificate: certificateHex, notValidAfter: notValidAfter)
    }
}

extension StoredJournalistProfile {
    /// The profile as published in `GET /v1/public-keys`.
    var wire: JournalistProfile? {
        guard
            var profile = try? JournalistProfile(
                id: id, displayName: displayName, sortName: sortName, description: description, isDesk: isDesk,
                status: status)
        else { return nil }
        profile.tag = tagHex
        return profile
    }
}

extension StoredDeadDrop {
    /// The list item JSON.
    var json: DeadDropJSON {
        DeadDropJSON(
            id: id, createdAt: Timestamp(microseconds: createdAtMicros).rfc3339,
            data: Base64.encodeUnpadded([UInt8](data)), signature: Hex.encode([UInt8](signature)), epoch: epoch)
    }
}
