public import HTTPTypes

/// The one error type of `TiplineJournalistUI`: an HTTP status and a message for the page. Messages never
/// contain passphrases, message text, cookies or tokens.
public struct DeskError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A stable category, mapped to an HTTP status.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private let name: String
        /// The HTTP status of the page.
        public let status: HTTPResponse.Status
        private init(_ name: String, _ status: HTTPResponse.Status) {
            self.name = name
            self.status = status
        }

        /// A malformed request.
        public static let badRequest = Code("badRequest", .badRequest)
        /// The form token is missing or wrong.
        public static let invalidFormToken = Code("invalidFormToken", .forbidden)
        /// No such page or source.
        public static let notFound = Code("notFound", .notFound)
        /// The Host header names another site (DNS rebinding).
        public static let misdirected = Code("misdirected", .misdirectedRequest)
        /// The passphrase is wrong.
        public static let wrongPassphrase = Code("wrongPassphrase", .unauthorized)
        /// Unlock attempts come too fast.
        public static let tooManyAttempts = Code("tooManyAttempts", .tooManyRequests)
        /// The input is not acceptable (reply too long, passphrases differ...).
        public static let invalidInput = Code("invalidInput", .unprocessableContent)
        /// The vault cannot be opened (missing, locked by another process, damaged).
        public static let vaultUnavailable = Code("vaultUnavailable", .serviceUnavailable)
        /// Something failed that the journalist cannot fix from the page.
        public static let failed = Code("failed", .internalServerError)

        public var description: String { name }
    }

    /// The category.
    public let code: Code
    /// A human-readable explanation without secrets.
    public let message: String

    /// Creates an error.
    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}
