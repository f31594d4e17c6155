package import Foundation

/// A dead drop as stored and served by `GET /v1/{user|journalist}/dead-drops`.
package struct StoredDeadDrop: Sendable, Hashable {
    /// The increasing id assigned at insert.
    package var id: Int32
    /// The concatenated fixed-size messages.
    package var data: Data
    /// The CoverNode's signing time, in microseconds since the Unix epoch.
    package var createdAtMicros: Int64
    /// The 64-byte Ed25519 signature over the V2 signature data.
    package var signature: Data
    /// The epoch (journalist dead drops); `nil` for user dead drops.
    package var epoch: Int32?

    /// Creates a dead-drop row.
    package init(id: Int32, data: Data, createdAtMicros: Int64, signature: Data, epoch: Int32?) {
        self.id = id
        self.data = data
        self.createdAtMicros = createdAtMicros
        self.signature = signature
        self.epoch = epoch
    }
}
