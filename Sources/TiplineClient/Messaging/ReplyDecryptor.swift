import Foundation
package import TiplineCore

/// Finds a reader's replies in user dead drops by trial decryption (`spec/CLIENT.md` §10.2), with one precomputed
/// X25519 shared key per (reader key, journalist messaging key): every attempt then costs one symmetric
/// `crypto_box_open_afternm`, never a key agreement.
package struct ReplyDecryptor: Sendable {
    /// A decrypted reply and where it was found.
    package struct Reply: Hashable, Sendable {
        /// The journalist whose key opened it.
        package let journalistId: String
        /// The dead drop's id.
        package let deadDropId: Int32
        /// The message's index in the dead drop.
        package let index: Int
        /// The dead drop's creation time (the date shown for the reply).
        package let createdAt: Timestamp
        /// A text or a handover.
        package let message: JournalistToUserMessage
    }

    private let candidates: [(journalistId: String, key: TwoPartyBox.SharedKey)]

    /// Precomputes a shared key for every messaging key of every candidate journalist. A key no agreement can be made
    /// with (a small-order point libsodium refuses) is skipped, so one bad key never hides the other journalists'
    /// replies.
    package init(
        userKey: EncryptionKeyPair<Role.User>,
        journalistKeys: [String: [EncryptionPublicKey<Role.JournalistMessaging>]]
    ) {
        candidates = journalistKeys.keys.sorted().flatMap { id in
            (journalistKeys[id] ?? []).compactMap { key in
                (try? TwoPartyBox.SharedKey(mine: userKey, theirs: key)).map { (id, $0) }
            }
        }
    }

    /// Number of precomputed shared keys (key agreements that succeeded).
    package var sharedKeyCount: Int { candidates.count }

    /// Every message of `deadDrops` that one of the shared keys opens and that parses, in dead-drop order.
    /// Dead drops are split over the available cores.
    package func decrypt(_ deadDrops: [VerifiedDeadDrop]) async -> [Reply] {
        guard !candidates.isEmpty, !deadDrops.isEmpty else { return [] }
        let workers = max(1, min(ProcessInfo.processInfo.activeProcessorCount, deadDrops.count))
        let chunk = (deadDrops.count + workers - 1) / workers
        return await withTaskGroup(of: (Int, [Reply]).self) { group in
            for start in stride(from: 0, to: deadDrops.count, by: chunk) {
                let slice = Array(deadDrops[start..<min(start + chunk, deadDrops.count)])
                group.addTask { (start, decryptSerially(slice)) }
            }
            var parts: [(Int, [Reply])] = []
            for await part in group { parts.append(part) }
            return parts.sorted { $0.0 < $1.0 }.flatMap(\.1)
        }
    }

    /// The same on the calling thread only.
    package func decryptSerially(_ deadDrops: [VerifiedDeadDrop]) -> [Reply] {
        var replies: [Reply] = []
        for drop in deadDrops {
            for (index, box) in drop.deadDrop.messages.enumerated() {
                for candidate in candidates {
                    guard let message = JournalistToUserMessage.open(box, sharedKey: candidate.key) else { continue }
                    replies.append(
                        Reply(
                            journalistId: candidate.journalistId, deadDropId: drop.id, index: index,
                            createdAt: drop.deadDrop.createdAt, message: message))
                    break
                }
            }
        }
        return replies
    }
}
