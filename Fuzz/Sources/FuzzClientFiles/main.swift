import Foundation
import FuzzSupport
import TiplineCore

@testable import TiplineClient

/// The reader app's files: the private sending queue, the vault (sealed file and content), the schedule state and
/// the dead-drop cache. Selector % 6: a sending-queue file as read (0) and cut to its exact size (1); a vault file
/// opened with a fixed key (2); vault plaintext parsed, re-serialised and parsed again to the same content (3); the
/// schedule file (4); the dead-drop cache, verified and merged (5).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let (selector, payload) = FuzzEntry.split(FuzzEntry.bytes(start, count))
    switch selector % 6 {
    case 0, 1:
        let bytes = selector % 6 == 0 ? payload : FuzzEntry.sized(payload, PrivateSendingQueue.serializedLength)
        guard var queue = try? PrivateSendingQueue(serialized: bytes) else { return 0 }
        FuzzEntry.require(queue.serialized == bytes, "sending queue round trip")
        let level = queue.fillLevel(secret: vaultKey)
        FuzzEntry.require((0...PrivateSendingQueue.capacity).contains(level), "fill level in range")
        _ = queue.contains(hint: Array(payload.prefix(PrivateSendingQueue.hintLength)))
        _ = try? queue.enqueue(cover, secret: vaultKey)
        _ = try? queue.dequeue(cover: cover)
    case 2:
        let file = FuzzEntry.sized(payload, SealedVault.fileLength)
        _ = try? SealedVault(fileBytes: file).open(key: vaultKey)
        _ = try? SealedVault(fileBytes: payload)
    case 3:
        let plain = FuzzEntry.sized(payload, ReaderVaultContent.plaintextLength)
        guard let content = try? ReaderVaultContent(plaintext: plain) else { return 0 }
        let again = try? ReaderVaultContent(plaintext: content.serialized(expiredBefore: Timestamp(seconds: 0)))
        FuzzEntry.require(again?.messages.count == content.messages.count, "vault content round trip")
    case 4:
        let state = ScheduleState(json: payload)
        _ = ScheduleState.isStale(state.lastSendRun, maxAge: .seconds(3600), now: Fixtures.now)
        FuzzEntry.require(ScheduleState(json: state.json) == state, "schedule state round trip")
    default:
        let loaded = DeadDropCache(json: payload)
        _ = loaded.verified(keys: Fixtures.verifiedKeys, now: Fixtures.now)
        _ = loaded.maxId
        var merged = DeadDropCache()
        merged.merge(loaded.items, keys: Fixtures.verifiedKeys, now: Fixtures.now, retention: .seconds(14 * 86_400))
        let kept = merged.verified(keys: Fixtures.verifiedKeys, now: Fixtures.now)
        FuzzEntry.require(kept.count == merged.items.count, "the cache keeps only dead drops that verify")
    }
    return 0
}

private let vaultKey = [UInt8](repeating: 0x42, count: 32)
private let cover = Fixtures.fixture { try UserToCoverNodeMessage.sealCover(to: Fixtures.coverNodeKeys) }

@_cdecl("LLVMFuzzerInitialize")
public func initialize(_ argc: UnsafeMutableRawPointer?, _ argv: UnsafeMutableRawPointer?) -> CInt {
    FuzzEntry.writeSeedsIfRequested {
        var queue = try PrivateSendingQueue { try UserToCoverNodeMessage.sealCover(to: Fixtures.coverNodeKeys) }
        try queue.enqueue(
            try UserToCoverNodeMessage.seal(
                text: "hello", replyKey: Fixtures.user.publicKey, journalistId: Fixtures.journalistId,
                journalistKey: Fixtures.journalistMessaging.publicKey, coverNodeKeys: Fixtures.coverNodeKeys),
            secret: vaultKey)
        let content = ReaderVaultContent(userKey: Fixtures.user, queueSecret: Array(vaultKey.prefix(16)), messages: [])
        let plain = content.serialized(expiredBefore: Timestamp(seconds: 0))
        let vault = try SealedVault.seal(plain, key: vaultKey, salt: Array(vaultKey.prefix(SealedVault.saltLength)))
        let drop = try DeadDrop.sign(
            kind: .user, messages: [try JournalistToUserMessage.filler()], createdAt: Fixtures.now, epoch: nil,
            with: Fixtures.coverNodeIdentity)
        var schedule = ScheduleState()
        schedule.lastSendRun = Fixtures.now.rfc3339
        schedule.publicKeysFetchedAt = "2030-03-17T17:00:00Z"
        return [
            "queue": FuzzEntry.seed(0, queue.serialized),
            "vault-file": FuzzEntry.seed(2, Array(vault.bytes.prefix(4096))),
            "vault-content": FuzzEntry.seed(3, Array(plain.prefix(4096))),
            "schedule": FuzzEntry.seed(4, schedule.json),
            "dead-drop-cache": FuzzEntry.seed(5, FuzzEntry.json(DeadDropListJSON(deadDrops: [drop.json(id: 3)]))),
        ]
    }
    return 0
}

/// SwiftPM links a debug executable with `main` = `FuzzClientFiles_main`: hand over to libFuzzer's driver.
@_cdecl("FuzzClientFiles_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    FuzzEntry.runDriver(argc, argv, fuzzOne)
}
