package import Foundation

/// One message read from a ``MessageStream``.
package struct StreamMessage: Sendable, Hashable {
    /// The message's position: unique and increasing within its stream; never reused.
    package var position: Int64
    /// The raw message bytes.
    package var message: Data
    /// When the API stored it (Unix microseconds).
    package var receivedAtMicros: Int64

    /// Creates a stream entry.
    package init(position: Int64, message: Data, receivedAtMicros: Int64) {
        self.position = position
        self.message = message
        self.receivedAtMicros = receivedAtMicros
    }
}
