import FuzzSupport
import TiplineCore

/// The journalist → reader path with real keys, and the CoverNode → journalist box. Selector % 6: a received
/// 730-byte J2C opened by the CoverNode (0); the payload as J2C plaintext sealed to the CoverNode keys, opened, and
/// a real one's J2U opened by the reader (1); the payload as J2U plaintext boxed to the reader and opened (2); J2U
/// plaintext parsed directly (3); the payload as a 593-byte U2J in a C2J box, opened by the journalist (4); a
/// handover id, which must parse back unchanged when valid (5).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let (selector, payload) = FuzzEntry.split(FuzzEntry.bytes(start, count))
    switch selector % 6 {
    case 0:
        let box = FuzzEntry.sized(payload, MessageSizes.journalistToCoverNodeEncrypted)
        _ = try? JournalistToCoverNodeMessage.open(box, with: Fixtures.coverNodeMessaging)
        _ = try? JournalistToCoverNodeMessage.open(payload, with: Fixtures.coverNodeMessaging2)
    case 1:
        let plain = FuzzEntry.sized(payload, MessageSizes.journalistToCoverNode)
        let box = Fixtures.fixture { try MultiAnonymousBox.seal(plain, to: Fixtures.coverNodeKeys) }
        let opened = try? JournalistToCoverNodeMessage.open(box, with: Fixtures.coverNodeMessaging2)
        FuzzEntry.require(opened != nil, "a J2C sealed to the CoverNode opens")
        if case .real(let sealed) = opened { _ = JournalistToUserMessage.open(sealed[...], sharedKey: readerKey) }
    case 2:
        let plain = FuzzEntry.sized(payload, MessageSizes.journalistToUser)
        let box = Fixtures.fixture {
            try TwoPartyBox.seal(plain, from: Fixtures.journalistMessaging, to: Fixtures.user.publicKey)
        }
        let reply = JournalistToUserMessage.open(box[...], sharedKey: readerKey)
        FuzzEntry.require(reply == (try? JournalistToUserMessage(serialized: plain)), "box and parse agree")
        if case .message(let text) = reply { _ = try? text.text() }
    case 3:
        if case .message(let text) = try? JournalistToUserMessage(serialized: payload) { _ = try? text.text() }
    case 4:
        let u2j = FuzzEntry.sized(payload, MessageSizes.coverNodeToJournalist)
        let box = Fixtures.fixture {
            try CoverNodeToJournalistMessage.seal(
                u2j, from: Fixtures.coverNodeMessaging, to: Fixtures.journalistMessaging.publicKey)
        }
        let opened = try? TwoPartyBox.open(
            box, from: Fixtures.coverNodeMessaging.publicKey, with: Fixtures.journalistMessaging)
        FuzzEntry.require(opened == u2j, "a C2J opens to its U2J")
        _ = try? UserToJournalistMessage.open(u2j, with: Fixtures.journalistMessaging)
        _ = try? TwoPartyBox.open(
            payload, from: Fixtures.coverNodeMessaging.publicKey, with: Fixtures.journalistMessaging)
    default:
        let id = String(decoding: payload, as: UTF8.self)
        guard let plain = try? JournalistToUserMessage.handover(journalistId: id).serialized() else { return 0 }
        FuzzEntry.require(
            (try? JournalistToUserMessage(serialized: plain)) == .handover(journalistId: id), "handover round trip")
    }
    return 0
}

private let readerKey = Fixtures.fixture {
    try TwoPartyBox.SharedKey(mine: Fixtures.user, theirs: Fixtures.journalistMessaging.publicKey)
}

@_cdecl("LLVMFuzzerInitialize")
public func initialize(_ argc: UnsafeMutableRawPointer?, _ argv: UnsafeMutableRawPointer?) -> CInt {
    FuzzEntry.writeSeedsIfRequested {
        let reply = JournalistToUserMessage.message(try PaddedCompressedString(text: "Thank you. Can we meet?"))
        let handover = JournalistToUserMessage.handover(journalistId: "investigations_desk")
        let sealed = try reply.seal(from: Fixtures.journalistMessaging, to: Fixtures.user.publicKey)
        let real = JournalistToCoverNodeMessage.real(sealedReply: sealed)
        let u2j = try UserToJournalistMessage(
            replyKey: Fixtures.user.publicKey, text: PaddedCompressedString(text: "hello")
        ).seal(to: Fixtures.journalistMessaging.publicKey)
        return [
            "j2c-real": FuzzEntry.seed(0, try real.seal(to: Fixtures.coverNodeKeys)),
            "j2c-cover": FuzzEntry.seed(0, try JournalistToCoverNodeMessage.cover.seal(to: Fixtures.coverNodeKeys)),
            "j2c-plain-real": FuzzEntry.seed(1, real.serialized),
            "j2u-plain-message": FuzzEntry.seed(2, try reply.serialized()),
            "j2u-plain-handover": FuzzEntry.seed(2, try handover.serialized()),
            "j2u-parse": FuzzEntry.seed(3, try handover.serialized()),
            "c2j-u2j": FuzzEntry.seed(4, u2j),
            "handover-id": FuzzEntry.seed(5, FuzzEntry.utf8("investigations_desk")),
        ]
    }
    return 0
}

/// SwiftPM links a debug executable with `main` = `FuzzJournalistMessages_main`: hand over to libFuzzer's driver.
@_cdecl("FuzzJournalistMessages_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    FuzzEntry.runDriver(argc, argv, fuzzOne)
}
