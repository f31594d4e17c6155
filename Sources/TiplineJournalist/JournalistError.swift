package import TiplineCore

/// The one error type of `TiplineJournalist`.
///
/// Messages say what went wrong and what to do; they never contain passphrases, key material, message text or
/// recipient tags.
package typealias JournalistError = CodedError<JournalistErrorDomain>

/// The domain of ``JournalistError``: errors print as just the message.
package enum JournalistErrorDomain: ErrorDomain {
    /// Just the message: it is shown to the journalist as is.
    package static func describe(_ code: ErrorCode<Self>, _ message: String) -> String { message }
}

/// The codes of ``JournalistError``.
extension ErrorCode where Domain == JournalistErrorDomain {
    /// The passphrase does not open the vault (or the file was tampered with).
    package static var wrongPassphrase: Self { Self("wrongPassphrase") }
    /// Another process holds the vault open.
    package static var vaultLocked: Self { Self("vaultLocked") }
    /// There is no vault at the given path.
    package static var vaultNotFound: Self { Self("vaultNotFound") }
    /// A vault already exists at the given path.
    package static var vaultExists: Self { Self("vaultExists") }
    /// The file is not a Tipline vault, or its header is damaged.
    package static var vaultCorrupt: Self { Self("vaultCorrupt") }
    /// Reading or writing a file failed (permissions, a missing folder, ...).
    package static var io: Self { Self("io") }
    /// The disk is full: the file was not replaced and the change not applied; it can be made again once space is
    /// freed.
    package static var diskFull: Self { Self("diskFull") }
    /// A setup bundle could not be read or is inconsistent.
    package static var invalidSetupBundle: Self { Self("invalidSetupBundle") }
    /// The vault has not been registered with the API yet.
    package static var notOnboarded: Self { Self("notOnboarded") }
    /// A key the operation needs is missing or expired.
    package static var missingKey: Self { Self("missingKey") }
    /// No source matches what was asked for, or several do.
    package static var unknownSource: Self { Self("unknownSource") }
    /// The input is not acceptable (message too long, bad journalist id, weak passphrase, ...).
    package static var invalidInput: Self { Self("invalidInput") }
    /// The API's published keys did not verify against the vault's trust anchors.
    package static var untrustedKeys: Self { Self("untrustedKeys") }
}
