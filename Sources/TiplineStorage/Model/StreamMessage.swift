public import Foundation

/// One message read from a ``MessageStream``.
public struct StreamMessage: Sendable, Hashable {
    /// The message's position: unique and increasing within its stream; never reused.
    public var position: Int64
    /// The raw message bytes.
    public var message: Data
    /// When the API stored it (Unix microseconds).
    public var receivedAtMicros: Int64

    /// Creates a stream entry.
    public init(position: Int64, message: Data, receivedAtMicros: Int64) {
        self.position = position
        self.message = message
        self.receivedAtMicros = receivedAtMicros
    }
}
