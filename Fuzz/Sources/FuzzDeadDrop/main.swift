import Foundation
import FuzzSupport
import TiplineCore

@testable import TiplineClient

/// Dead-drop JSON and its signature verification (API, reader and journalist paths), then reply decryption.
/// Selector % 3: one dead drop as the API's POST body and as a reader verifies it (0); a `GET` list (1); the payload
/// as user dead-drop data, signed by the fixture CoverNode, verified and run through the reader's reply decryptor (2).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let (selector, payload) = FuzzEntry.split(FuzzEntry.bytes(start, count))
    let decoder = JSONDecoder()
    switch selector % 3 {
    case 0:
        guard let json = try? decoder.decode(DeadDropJSON.self, from: Data(payload)) else { return 0 }
        check(json)
    case 1:
        guard let list = try? decoder.decode(DeadDropListJSON.self, from: Data(payload)) else { return 0 }
        list.deadDrops.forEach(check)
    default:
        let length = DeadDropKind.user.messageLength
        let data = Array(payload.prefix(payload.count / length * length))
        let messages = stride(from: 0, to: data.count, by: length).map { Array(data[$0..<($0 + length)]) }
        let drop = Fixtures.fixture {
            try DeadDrop.sign(
                kind: .user, messages: messages, createdAt: Fixtures.now, epoch: nil, with: Fixtures.coverNodeIdentity)
        }
        let verified = VerifiedDeadDrop(drop.json(id: 1), keys: Fixtures.verifiedKeys, now: Fixtures.now)
        FuzzEntry.require(verified != nil, "a freshly signed dead drop verifies")
        if let verified { _ = decryptor.decryptSerially([verified]) }
    }
    return 0
}

private let decryptor = Fixtures.fixture {
    ReplyDecryptor(
        userKey: Fixtures.user, journalistKeys: [Fixtures.journalistId: [Fixtures.journalistMessaging.publicKey]])
}

private func check(_ json: DeadDropJSON) {
    for kind in DeadDropKind.allCases {
        guard let drop = try? json.deadDrop(kind: kind) else { continue }
        _ = drop.isSigned(byAnyOf: Fixtures.verifiedKeys.allCoverNodeIdentityKeys, at: Fixtures.now)
        _ = drop.messages.count
        FuzzEntry.require((try? drop.json(id: json.id).deadDrop(kind: kind)) == drop, "dead drop JSON round trip")
    }
    if let verified = VerifiedDeadDrop(json, keys: Fixtures.verifiedKeys, now: Fixtures.now) {
        _ = decryptor.decryptSerially([verified])
    }
}

@_cdecl("LLVMFuzzerInitialize")
public func initialize(_ argc: UnsafeMutableRawPointer?, _ argv: UnsafeMutableRawPointer?) -> CInt {
    FuzzEntry.writeSeedsIfRequested {
        let reply = try JournalistToUserMessage.message(PaddedCompressedString(text: "Thank you. Can we meet?"))
            .seal(from: Fixtures.journalistMessaging, to: Fixtures.user.publicKey)
        let user = try DeadDrop.sign(
            kind: .user, messages: [reply, try JournalistToUserMessage.filler()], createdAt: Fixtures.now, epoch: nil,
            with: Fixtures.coverNodeIdentity)
        let journalist = try DeadDrop.sign(
            kind: .journalist, messages: [try CoverNodeToJournalistMessage.filler(from: Fixtures.coverNodeMessaging)],
            createdAt: Fixtures.now, epoch: 4, with: Fixtures.coverNodeIdentity)
        return [
            "user-drop": FuzzEntry.seed(0, FuzzEntry.json(user.json(id: 7))),
            "journalist-drop": FuzzEntry.seed(0, FuzzEntry.json(journalist.json())),
            "list": FuzzEntry.seed(
                1, FuzzEntry.json(DeadDropListJSON(deadDrops: [user.json(id: 1), journalist.json(id: 2)]))),
            "reply-data": FuzzEntry.seed(2, reply),
        ]
    }
    return 0
}

/// SwiftPM links a debug executable with `main` = `FuzzDeadDrop_main`: hand over to libFuzzer's driver.
@_cdecl("FuzzDeadDrop_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    FuzzEntry.runDriver(argc, argv, fuzzOne)
}
