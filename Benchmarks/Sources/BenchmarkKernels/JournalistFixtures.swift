package import TiplineCore

/// One signed journalist dead drop of 500 C2J messages from 2 CoverNodes, 25 of them for a journalist who holds 14
/// messaging keys; trial decryption as the journalist client does it: the signature, one shared key per (CoverNode,
/// own key) pair, the outer layer with each, then the sealed U2J with each own key.
package struct JournalistFixtures: Sendable {
    package static let shared = Result { try JournalistFixtures(messages: 500, keys: 14, coverNodes: 2, forMe: 25) }

    package let identityKey: SignedPublicKey<SigningPublicKey<Role.CoverNodeIdentity>>
    package let coverNodes: [EncryptionPublicKey<Role.CoverNodeMessaging>]
    package let own: [EncryptionKeyPair<Role.JournalistMessaging>]
    package let deadDrop: DeadDrop
    package let expected: Int
    package let now = Timestamp(seconds: 1_900_000_000)

    init(messages count: Int, keys: Int, coverNodes coverNodeCount: Int, forMe: Int) throws {
        let identity = try SigningKeyPair<Role.CoverNodeIdentity>.generate()
        identityKey = try identity.certify(identity.publicKey, notValidAfter: now.adding(.seconds(86_400)))
        let coverNodeKeys = try (0..<coverNodeCount).map { _ in
            try EncryptionKeyPair<Role.CoverNodeMessaging>.generate()
        }
        coverNodes = coverNodeKeys.map(\.publicKey)
        own = try (0..<keys).map { _ in try EncryptionKeyPair<Role.JournalistMessaging>.generate() }
        let reader = try EncryptionKeyPair<Role.User>.generate()
        var messages: [[UInt8]] = []
        for index in 0..<count {
            let coverNode = coverNodeKeys[index % coverNodeKeys.count]
            guard index < forMe else {
                messages.append(try CoverNodeToJournalistMessage.filler(from: coverNode))
                continue
            }
            // Readers seal to whichever key they last saw; the CoverNode boxes to the newest.
            let sealed = try UserToJournalistMessage(
                replyKey: reader.publicKey, text: PaddedCompressedString(text: "message \(index) for the journalist")
            ).seal(to: own[index % own.count].publicKey)
            messages.append(try CoverNodeToJournalistMessage.seal(sealed, from: coverNode, to: own[0].publicKey))
        }
        SecureRandom.shuffle(&messages)
        deadDrop = try DeadDrop.sign(kind: .journalist, messages: messages, createdAt: now, epoch: 1, with: identity)
        expected = forMe
    }

    /// The messages of the dead drop that are for this journalist, decoded.
    package func trialDecrypt() throws -> Int {
        guard deadDrop.isSigned(byAnyOf: [identityKey], at: now) else {
            throw TiplineCoreError(.invalidSignature, "the benchmark dead drop does not verify")
        }
        let outer = try own.flatMap { key in try coverNodes.map { try TwoPartyBox.SharedKey(mine: key, theirs: $0) } }
        var found = 0
        for box in deadDrop.messages {
            guard let sealed = outer.lazy.compactMap({ $0.open(box) }).first else { continue }
            for key in own {
                guard let message = try? UserToJournalistMessage.open(sealed, with: key) else { continue }
                _ = try message.text.text()
                found += 1
                break
            }
        }
        return found
    }

    /// A decryption path that found the wrong number of messages makes its numbers meaningless.
    package func check(_ found: Int) throws {
        guard found == expected else {
            throw TiplineCoreError(.invalidArgument, "found \(found) messages, expected \(expected)")
        }
    }
}
