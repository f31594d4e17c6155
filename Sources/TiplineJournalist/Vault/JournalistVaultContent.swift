import Foundation
import TiplineCore

/// Everything a journalist vault holds. Serialized as JSON in memory, padded and encrypted (``VaultCipher``);
/// never written to disk in the clear. Times are microseconds since the Unix epoch.
struct JournalistVaultContent: Codable, Sendable {
    /// Version of this structure.
    static let currentFormat = 1

    var format = Self.currentFormat
    /// Incremented on every save (lets tests and tools tell saves apart).
    var revision: UInt64 = 0
    var journalistId: String
    /// The organisation keys this journalist trusts (self-signed).
    var trustAnchors: [SignedPublicKeyJSON]
    /// The forms of the setup bundle, until they have been posted to the API.
    var pendingSetup: PendingSetup?
    var identityKeys: [StoredKeyPair] = []
    /// A new identity key waiting for the organisation to certify it.
    var candidateIdentityKey: CandidateIdentityKey?
    var messagingKeys: [StoredKeyPair] = []
    var sources: [StoredSource] = []
    var messages: [StoredMessage] = []
    /// Replies waiting for their turn in the sender loop, oldest first.
    var outbox: [QueuedReply] = []
    /// The highest journalist dead-drop id processed; `nil` until onboarding sets it.
    var deadDropCursor: Int32?
    var nextMessageNumber: Int64 = 1
    var nextSourceNumber = 1
    /// When the last J2C (real or cover) was posted.
    var lastSentAt: Int64?

    /// The profile and identity-key forms of a setup bundle, and how far their upload got.
    struct PendingSetup: Codable, Sendable {
        var registerProfileForm: SignedForm
        var uploadIdentityKeyForm: SignedForm
        var profileRegistered = false
    }

    init(journalistId: String, trustAnchors: [SignedPublicKeyJSON], pendingSetup: PendingSetup?) {
        self.journalistId = journalistId
        self.trustAnchors = trustAnchors
        self.pendingSetup = pendingSetup
    }
}

/// A certified key pair of the journalist (identity or messaging). For messaging keys `epoch == nil` means it was
/// made but not yet published; for identity keys the epoch is informative only.
struct StoredKeyPair: Codable, Sendable {
    var keyPair: KeyPairJSON
    var epoch: Int32?
    var addedAt: Int64
}

/// An identity key pair generated for rotation, not yet certified; `requestedAt` is when the signed rotation
/// request was last queued at the API.
struct CandidateIdentityKey: Codable, Sendable {
    var keyPair: KeyPairJSON
    var addedAt: Int64
    var requestedAt: Int64?
}

/// A reader who wrote in, known only by their reply key.
struct StoredSource: Codable, Sendable {
    /// Hex of the reader's X25519 reply key.
    var replyKey: String
    var number: Int
    var alias: String
    var muted = false
    var firstSeenAt: Int64
}

/// One message in or out.
struct StoredMessage: Codable, Sendable {
    enum Direction: String, Codable, Sendable { case incoming, outgoing }

    var number: Int64
    /// The source's reply key (hex).
    var replyKey: String
    var direction: Direction
    /// The text; `nil` for an incoming message whose text could not be decoded.
    var text: String?
    /// For an outgoing handover: the journalist or desk the source was sent to.
    var handoverTo: String?
    /// When it was received, or written.
    var at: Int64
    var read: Bool
    var deadDropId: Int32?
    /// When an outgoing message left in a J2C; `nil` while queued.
    var sentAt: Int64?
}

/// A reply in the outbound queue: the 553-byte J2U, sealed at queue time; it is wrapped for the CoverNode keys
/// that are current when it is sent, so an expired CoverNode key never strands it.
struct QueuedReply: Codable, Sendable {
    var messageNumber: Int64
    var sealedReply: Data
    /// Hex of the messaging key it was sealed from: if that key expires first, the reply is sealed again.
    var senderKey: String
    /// The J2C of its last post, saved before that post and kept until the API's 2xx is saved.
    var posted: PostedReply?
}

/// A reply's J2C as it was posted, and the CoverNode keys (hex) it was wrapped for: posted again verbatim while they
/// are still the latest, so that the API, which stores identical bytes once, never gets the reply twice.
struct PostedReply: Codable, Sendable {
    var message: Data
    var coverNodeKeys: [String]
}
