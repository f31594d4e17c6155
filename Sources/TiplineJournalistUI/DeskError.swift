package import HTTPTypes

/// The one error type of `TiplineJournalistUI`: an HTTP status and a message for the page. Messages never
/// contain passphrases, message text, cookies or tokens.
package struct DeskError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A stable category, mapped to an HTTP status.
    package struct Code: Hashable, Sendable, CustomStringConvertible {
        private let name: String
        /// The HTTP status of the page.
        package let status: HTTPResponse.Status
        private init(_ name: String, _ status: HTTPResponse.Status) {
            self.name = name
            self.status = status
        }

        /// A malformed request.
        package static let badRequest = Code("badRequest", .badRequest)
        /// The form token is missing or wrong.
        package static let invalidFormToken = Code("invalidFormToken", .forbidden)
        /// No such page or source.
        package static let notFound = Code("notFound", .notFound)
        /// The Host header names another site (DNS rebinding).
        package static let misdirected = Code("misdirected", .misdirectedRequest)
        /// The passphrase is wrong.
        package static let wrongPassphrase = Code("wrongPassphrase", .unauthorized)
        /// Unlock attempts come too fast.
        package static let tooManyAttempts = Code("tooManyAttempts", .tooManyRequests)
        /// The input is not acceptable (reply too long, passphrases differ...).
        package static let invalidInput = Code("invalidInput", .unprocessableContent)
        /// The vault cannot be opened (missing, locked by another process, damaged).
        package static let vaultUnavailable = Code("vaultUnavailable", .serviceUnavailable)
        /// Something failed that the journalist cannot fix from the page.
        package static let failed = Code("failed", .internalServerError)

        package var description: String { name }
    }

    /// The category.
    package let code: Code
    /// A human-readable explanation without secrets.
    package let message: String

    /// Creates an error.
    package init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    package var description: String { message }
}
