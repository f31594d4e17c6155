/// A stable, machine-readable category of failure of the error type `Domain`.
///
/// Every module's error type (``CodedError`` of its ``ErrorDomain``) names its codes in a constrained extension
/// (`extension ErrorCode where Domain == ClientErrorDomain { static var locked: Self { Self("locked") } }`), so a
/// module adds codes without touching the others, and the codes of two error types are distinct types that cannot
/// be mixed up. Two codes of one domain are equal when their names are.
public struct ErrorCode<Domain>: Hashable, Sendable, CustomStringConvertible {
    /// The code's name, as it appears in messages and logs.
    public let name: String

    /// Creates the code called `name`; only the module that owns `Domain` declares its codes.
    package init(_ name: String) { self.name = name }

    /// The code's name.
    public var description: String { name }
}
