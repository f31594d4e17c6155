import Foundation
import TiplineCore

/// Checks shared by every backend, run before touching the database, so that bad input is a
/// ``StorageError`` with a clear message on every backend alike. Messages never echo the values.
enum InputValidation {
    static let signatureLength = 64
    static let maxIdentifierLength = 256
    static let maxTimestampTextLength = 64

    static func lowercaseHex(_ text: String, byteCount: Int, field: String) throws {
        let utf8 = text.utf8
        guard utf8.count == byteCount * 2 else {
            throw StorageError(
                .invalidInput,
                "\(field) must be \(byteCount * 2) lowercase hex characters, got \(utf8.count) characters"
            )
        }
        for byte in utf8 {
            let isDigit = byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
            let isLowerHex = byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "f")
            guard isDigit || isLowerHex else {
                throw StorageError(.invalidInput, "\(field) must be lowercase hex")
            }
        }
    }

    static func signature(_ signature: Data) throws {
        guard signature.count == signatureLength else {
            throw StorageError(
                .invalidInput,
                "signature must be \(signatureLength) bytes, got \(signature.count)"
            )
        }
    }

    static func identifier(_ text: String, field: String) throws {
        guard !text.isEmpty, text.utf8.count <= maxIdentifierLength else {
            throw StorageError(.invalidInput, "\(field) must be 1 to \(maxIdentifierLength) bytes")
        }
        guard !text.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) else {
            throw StorageError(.invalidInput, "\(field) must not contain control characters")
        }
    }

    static func publishedKey(_ key: PublishedKey) throws {
        try lowercaseHex(key.keyHex, byteCount: 32, field: "keyHex")
        try lowercaseHex(key.certificateHex, byteCount: 64, field: "certificateHex")
        let expiry = key.notValidAfter
        guard !expiry.isEmpty, expiry.utf8.count <= maxTimestampTextLength,
            expiry.unicodeScalars.allSatisfy({ $0.isASCII && $0.value >= 0x20 && $0.value < 0x7F })
        else {
            throw StorageError(
                .invalidInput,
                "notValidAfter must be a printable ASCII RFC 3339 string of 1 to \(maxTimestampTextLength) characters"
            )
        }
        if let parent = key.parentKeyHex {
            guard key.role != .organization else {
                throw StorageError(.invalidInput, "an organization key is self-signed and has no parentKeyHex")
            }
            try lowercaseHex(parent, byteCount: 32, field: "parentKeyHex")
        }
        if key.role.requiresOwner {
            guard let owner = key.ownerId else {
                throw StorageError(.invalidInput, "a \(key.role.rawValue) key needs an ownerId")
            }
            try identifier(owner, field: "ownerId")
        } else if key.ownerId != nil {
            throw StorageError(.invalidInput, "a \(key.role.rawValue) key has no ownerId")
        }
    }

    static func profile(_ profile: StoredJournalistProfile) throws {
        try identifier(profile.id, field: "journalist id")
        try lowercaseHex(profile.tagHex, byteCount: 4, field: "tagHex")
        try identifier(profile.status, field: "status")
    }

    static func deadDrop(data: Data, signature: Data) throws {
        guard !data.isEmpty else {
            throw StorageError(.invalidInput, "dead-drop data must not be empty")
        }
        try self.signature(signature)
    }

    static func streamMessages(_ messages: [Data], stream: MessageStream) throws {
        for (index, message) in messages.enumerated() where message.count != stream.messageLength {
            throw StorageError(
                .invalidInput,
                "message \(index) of a \(stream.rawValue) batch must be \(stream.messageLength) bytes, "
                    + "got \(message.count)"
            )
        }
    }

    static func consumer(_ consumer: String) throws {
        try identifier(consumer, field: "consumer name")
    }

    static func checkpointPosition(_ position: Int64) throws {
        guard position >= 0 else {
            throw StorageError(.invalidInput, "a checkpoint position must not be negative")
        }
    }

    /// Removes repeated messages, keeping the first occurrence and the original order.
    static func uniqued(_ messages: [Data]) -> [Data] {
        var seen = Set<Data>()
        seen.reserveCapacity(messages.count)
        return messages.filter { seen.insert($0).inserted }
    }
}
