public import TiplineCore

/// The one error type thrown by `TiplineClient`.
///
/// Messages say what went wrong in words a reader-app UI can show or map; they never contain passphrases,
/// key material, message text, recipient tags or anything read from the vault.
public typealias ClientError = CodedError<ClientErrorDomain>

/// The domain of ``ClientError``: errors print as `code: message`.
public enum ClientErrorDomain: ErrorDomain {}

/// The codes of ``ClientError``.
extension ErrorCode where Domain == ClientErrorDomain {
    /// The configuration is unsafe or inconsistent (for example production without caching).
    public static var invalidConfiguration: Self { Self("invalidConfiguration") }
    /// ``ReaderClient/start()`` has not completed yet (no verified keys so far).
    public static var notStarted: Self { Self("notStarted") }
    /// No verified public keys are available (offline first start, or nothing verifies).
    public static var keysUnavailable: Self { Self("keysUnavailable") }
    /// The typed passphrase is malformed: wrong word count, a word not in the list, or other characters.
    /// Raised before any key derivation runs.
    public static var invalidPassphrase: Self { Self("invalidPassphrase") }
    /// The passphrase does not open the vault. Deliberately the same for "wrong passphrase" and "this app was
    /// never used", after the same amount of work.
    public static var passphraseRejected: Self { Self("passphraseRejected") }
    /// The operation needs an open session.
    public static var locked: Self { Self("locked") }
    /// The text does not fit into one message once compressed.
    public static var messageTooLong: Self { Self("messageTooLong") }
    /// Every slot of the sending queue already holds a real message.
    public static var queueFull: Self { Self("queueFull") }
    /// The recipient has no verified messaging key.
    public static var unknownRecipient: Self { Self("unknownRecipient") }
    /// A request failed or the server answered with an error.
    public static var network: Self { Self("network") }
    /// A state file could not be read or written.
    public static var storage: Self { Self("storage") }
    /// The device's storage is full: the state file was not replaced (the previous one is still on disk and opens),
    /// and the same step saves everything once space is freed.
    public static var diskFull: Self { Self("diskFull") }
    /// The vault opened but its content is malformed.
    public static var corruptVault: Self { Self("corruptVault") }
    /// The bundled word list is missing or altered.
    public static var wordListInvalid: Self { Self("wordListInvalid") }
}
