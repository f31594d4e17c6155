import TiplineCore

/// The form tokens (CSRF) of the unlock page, before any session exists: an HMAC of the pre-session cookie under a
/// key that lives as long as the process. Session pages use the session's own token (``Desk/authorize(cookie:formToken:)``).
extension Desk {
    /// The form token of the unlock page, bound to the pre-session cookie.
    func preSessionToken(cookie: String) -> String {
        Hex.encode(Hashing.hmacSHA256(key: formKey, message: Array(cookie.utf8)))
    }

    /// Checks the unlock form's token.
    func checkPreSessionToken(cookie: String?, formToken: String?) throws {
        guard let cookie, !cookie.isEmpty, Secret.matches(formToken, preSessionToken(cookie: cookie)) else {
            throw Self.invalidFormToken
        }
    }

    static let invalidFormToken = DeskError(
        .invalidFormToken, "Invalid or missing form token. Reload the page and try again.")
}
