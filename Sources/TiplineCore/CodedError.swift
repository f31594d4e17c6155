/// The module an error belongs to, and how its errors print.
///
/// Every module declares one caseless enum conforming to this protocol (`enum ClientErrorDomain: ErrorDomain {}`)
/// and names its error type `CodedError<ThatDomain>`; the codes of the domain live in a constrained extension of
/// ``ErrorCode``.
public protocol ErrorDomain: Sendable {
    /// The text of an error of this domain with `code` and `message`; by default `code: message`.
    static func describe(_ code: ErrorCode<Self>, _ message: String) -> String
}

extension ErrorDomain {
    /// `code: message`.
    public static func describe(_ code: ErrorCode<Self>, _ message: String) -> String { "\(code): \(message)" }
}

/// An error of the module `Domain`: a machine-readable ``code`` and a human-readable ``message`` without secrets.
///
/// Each module's error type is a `typealias` of this struct (`ClientError = CodedError<ClientErrorDomain>`), so
/// errors of two modules are distinct types and their codes cannot be mixed up.
public struct CodedError<Domain: ErrorDomain>: Error, Hashable, Sendable, CustomStringConvertible {
    /// A stable, machine-readable category of failure.
    public typealias Code = ErrorCode<Domain>

    /// The category of the failure.
    public let code: Code
    /// A human-readable explanation without secrets.
    public let message: String

    /// Creates an error.
    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    /// The text `Domain` gives the error (by default `code: message`).
    public var description: String { Domain.describe(code, message) }
}
