/// The one error type of `TiplineAPIClient`.
package struct APIClientError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A stable, machine-readable category of failure; `.status(_:)` carries the HTTP status.
    package struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String, Hashable, Sendable {
            case unreachable, status, invalidResponse
        }
        private let base: Base
        /// The HTTP status of a `.status(_:)` code.
        fileprivate let httpStatus: Int?
        private init(_ base: Base, httpStatus: Int? = nil) {
            self.base = base
            self.httpStatus = httpStatus
        }

        /// The server could not be reached or the connection broke.
        package static let unreachable = Code(.unreachable)
        /// The server's answer could not be decoded.
        package static let invalidResponse = Code(.invalidResponse)
        /// The server answered with this non-success HTTP status.
        package static func status(_ status: Int) -> Code { Code(.status, httpStatus: status) }

        package var description: String { httpStatus.map { "status \($0)" } ?? base.rawValue }
    }

    /// The kind of failure.
    package let code: Code
    /// A description without secrets (the server's `{"error"}` text when it sent one).
    package let message: String

    /// Creates an error.
    package init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    /// The HTTP status, for `.status` errors.
    package var status: Int? { code.httpStatus }

    /// Whether retrying later may succeed (transport failures, 429 and 5xx).
    package var isRetryable: Bool {
        if let status { return status == 429 || status >= 500 }
        return code == .unreachable
    }

    package var description: String {
        if let status { return "API answered \(status): \(message)" }
        return code == .unreachable ? "API unreachable: \(message)" : "invalid API response: \(message)"
    }
}
