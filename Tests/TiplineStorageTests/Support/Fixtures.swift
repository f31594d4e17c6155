import Foundation
import TiplineStorage

/// Random test values of the right shapes.
enum Fixtures {
    static func bytes(_ count: Int) -> Data {
        var generator = SystemRandomNumberGenerator()
        var data = Data(capacity: count + 8)
        while data.count < count {
            withUnsafeBytes(of: generator.next() as UInt64) { data.append(contentsOf: $0) }
        }
        return data.prefix(count)
    }

    static func hex(_ byteCount: Int) -> String {
        bytes(byteCount).map { String(format: "%02x", $0) }.joined()
    }

    static func signature() -> Data { bytes(64) }

    static func message(_ stream: MessageStream) -> Data { bytes(stream.messageLength) }

    static func messages(_ stream: MessageStream, count: Int) -> [Data] {
        (0..<count).map { _ in message(stream) }
    }

    static func key(
        _ role: PublishedKeyRole,
        owner: String? = nil,
        notValidAfter: String = "2030-01-01T00:00:00Z",
        notValidAfterMicros: Int64 = 1_893_456_000_000_000,
        addedAtMicros: Int64 = 1_000_000
    ) -> PublishedKey {
        PublishedKey(
            role: role,
            keyHex: hex(32),
            certificateHex: hex(64),
            notValidAfter: notValidAfter,
            notValidAfterMicros: notValidAfterMicros,
            parentKeyHex: role == .organization ? nil : hex(32),
            ownerId: role.requiresOwner ? (owner ?? "journalist_\(hex(2))") : nil,
            addedAtMicros: addedAtMicros
        )
    }
}
