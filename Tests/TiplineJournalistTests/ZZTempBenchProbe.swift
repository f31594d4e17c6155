import Foundation
import Testing
import TiplineCore
import TiplineJournalist

@Test func zzTempBenchProbe() throws {
    let cn = try (0..<2).map { _ in try EncryptionKeyPair<Role.CoverNodeMessaging>.generate() }
    let own = try (0..<14).map { _ in try EncryptionKeyPair<Role.JournalistMessaging>.generate() }
    let reader = try EncryptionKeyPair<Role.User>.generate()
    var messages: [[UInt8]] = []
    for i in 0..<500 {
        if i < 25 {
            let s = try UserToJournalistMessage(replyKey: reader.publicKey, text: PaddedCompressedString(text: "m\(i)")).seal(to: own[i % 14].publicKey)
            messages.append(try CoverNodeToJournalistMessage.seal(s, from: cn[i % 2], to: own[0].publicKey))
        } else { messages.append(try CoverNodeToJournalistMessage.filler(from: cn[i % 2])) }
    }
    let id = try SigningKeyPair<Role.CoverNodeIdentity>.generate()
    let drop = try DeadDrop.sign(kind: .journalist, messages: messages, createdAt: Timestamp(seconds: 1), epoch: 1, with: id)
    let clock = ContinuousClock()
    for _ in 0..<3 {
        let start = clock.now
        let d = try TrialDecryptor(coverNodeKeys: cn.map(\.publicKey), ownKeys: own)
        let found = d.open(drop)
        let t = clock.now - start
        FileHandle.standardError.write(Data("PROBE debug trial decryption 500x14x2: \(t) found \(found.count)\n".utf8))
    }
}
