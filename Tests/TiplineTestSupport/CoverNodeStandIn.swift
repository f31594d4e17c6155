package import TiplineCore

/// The test plays the CoverNode with its keys and `TiplineCore` only: it opens what readers and journalists send it,
/// boxes real reader messages to their journalist (C2J), and signs the dead drops the real CoverNode would publish.
package struct CoverNodeStandIn: Sendable {
    /// The identity key pair that signs dead drops.
    package let identity: SigningKeyPair<Role.CoverNodeIdentity>
    /// The messaging key pair readers and journalists encrypt to.
    package let messaging: EncryptionKeyPair<Role.CoverNodeMessaging>

    /// A stand-in with these keys.
    package init(
        identity: SigningKeyPair<Role.CoverNodeIdentity>, messaging: EncryptionKeyPair<Role.CoverNodeMessaging>
    ) {
        self.identity = identity
        self.messaging = messaging
    }

    /// A stand-in with the CoverNode keys of `keys`.
    package init(_ keys: TestKeyHierarchy) {
        self.init(identity: keys.coverNodeIdentity, messaging: keys.coverNodeMessaging)
    }

    /// Opens a reader's U2C message.
    package func open(_ u2c: [UInt8]) throws -> UserToCoverNodeMessage {
        try UserToCoverNodeMessage.open(u2c, with: messaging)
    }

    /// Boxes the sealed inner message of a real U2C to the journalist's messaging key (a C2J message).
    package func box(
        _ sealed: [UInt8], to journalistKey: EncryptionPublicKey<Role.JournalistMessaging>
    ) throws -> [UInt8] {
        try CoverNodeToJournalistMessage.seal(sealed, from: messaging, to: journalistKey)
    }

    /// What a reader's message to `journalistId` becomes on its way to a journalist dead drop: the U2C opened and
    /// its inner message boxed to `journalistKey`.
    /// - Throws: ``TestFailure`` when the U2C is cover or addressed to someone else.
    package func forward(
        _ u2c: [UInt8], to journalistId: String, key journalistKey: EncryptionPublicKey<Role.JournalistMessaging>
    ) throws -> [UInt8] {
        guard case .real(let tag, let sealed) = try open(u2c) else {
            throw TestFailure("the CoverNode saw cover traffic")
        }
        guard tag == (try RecipientTag(journalistId: journalistId)) else {
            throw TestFailure("the message is not for \(journalistId)")
        }
        return try box(sealed, to: journalistKey)
    }

    /// What a reader's `text` to `journalistId` becomes by the time it is in a journalist dead drop: a U2C sealed
    /// by the core to the journalist's latest key and the CoverNode keys in `keys`, then forwarded (C2J).
    /// - Throws: ``TestFailure`` when `keys` has no messaging key for the journalist.
    package func deliver(
        _ text: String, from reader: EncryptionKeyPair<Role.User>, to journalistId: String, keys: VerifiedKeys
    ) throws -> [UInt8] {
        guard let journalistKey = keys.latestMessagingKey(forJournalist: journalistId) else {
            throw TestFailure("no published messaging key for \(journalistId)")
        }
        let u2c = try UserToCoverNodeMessage.seal(
            text: text, replyKey: reader.publicKey, journalistId: journalistId, journalistKey: journalistKey,
            coverNodeKeys: keys.latestCoverNodeMessagingKeys)
        return try forward(u2c, to: journalistId, key: journalistKey)
    }

    /// A journalist dead drop of `messages` (C2J) filled up to `size` with fillers, shuffled unless told, signed at
    /// `createdAt` for `epoch` by `signer` (by default the stand-in's identity key).
    package func journalistDeadDrop(
        _ messages: [[UInt8]], size: Int, shuffled: Bool = true, createdAt: Timestamp, epoch: Int32,
        signedBy signer: SigningKeyPair<Role.CoverNodeIdentity>? = nil
    ) throws -> DeadDrop {
        var all = messages
        while all.count < size { all.append(try CoverNodeToJournalistMessage.filler(from: messaging)) }
        if shuffled { SecureRandom.shuffle(&all) }
        return try DeadDrop.sign(
            kind: .journalist, messages: all, createdAt: createdAt, epoch: epoch, with: signer ?? identity)
    }

    /// Opens a journalist's J2C message.
    package func open(journalistMessage j2c: [UInt8]) throws -> JournalistToCoverNodeMessage {
        try JournalistToCoverNodeMessage.open(j2c, with: messaging)
    }

    /// A user dead drop of `count` messages: `replies` (sealed J2U messages) first, then fillers, signed at
    /// `createdAt`.
    package func userDeadDrop(replies: [[UInt8]], count: Int = 20, createdAt: Timestamp) throws -> DeadDrop {
        let fillers = try (replies.count..<max(count, replies.count)).map { _ in try JournalistToUserMessage.filler() }
        return try DeadDrop.sign(
            kind: .user, messages: replies + fillers, createdAt: createdAt, epoch: nil, with: identity)
    }
}
