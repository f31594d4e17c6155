/// One signed public key of the published hierarchy, as stored by a ``KeyStore``.
package struct PublishedKey: Sendable, Hashable {
    /// The key's role in the hierarchy.
    package var role: PublishedKeyRole
    /// The 32-byte public key as 64 lowercase hex characters.
    package var keyHex: String
    /// The 64-byte Ed25519 certificate as 128 lowercase hex characters.
    package var certificateHex: String
    /// The RFC 3339 expiry exactly as received. Stored verbatim and returned byte for byte, because
    /// trust-anchor matching compares this string exactly (fraction digits and offset included).
    package var notValidAfter: String
    /// The same instant in microseconds since the Unix epoch, used for ordering and pruning.
    package var notValidAfterMicros: Int64
    /// The signer's public key hex; `nil` for the self-signed organisation key.
    package var parentKeyHex: String?
    /// `covernode_NNN` or a journalist id for identity and messaging keys; `nil` for other roles.
    package var ownerId: String?
    /// The epoch assigned on insert; `nil` for admin and backup keys. Ignored by ``KeyStore/insert(_:)``.
    package var epoch: Int32?
    /// When the key was added, in microseconds since the Unix epoch (from the caller's clock).
    package var addedAtMicros: Int64

    /// Creates a key row. `epoch` is assigned by the store on insert.
    package init(
        role: PublishedKeyRole,
        keyHex: String,
        certificateHex: String,
        notValidAfter: String,
        notValidAfterMicros: Int64,
        parentKeyHex: String?,
        ownerId: String?,
        epoch: Int32? = nil,
        addedAtMicros: Int64
    ) {
        self.role = role
        self.keyHex = keyHex
        self.certificateHex = certificateHex
        self.notValidAfter = notValidAfter
        self.notValidAfterMicros = notValidAfterMicros
        self.parentKeyHex = parentKeyHex
        self.ownerId = ownerId
        self.epoch = epoch
        self.addedAtMicros = addedAtMicros
    }
}
