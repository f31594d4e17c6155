import FuzzSupport
import TiplineCore

/// The reader → journalist path with real keys. Selector % 5: a received 773-byte U2C opened by the CoverNode (0);
/// the payload as U2C plaintext sealed to the fixture CoverNode keys, opened, and its U2J opened by the journalist
/// (1); the payload as U2J plaintext sealed to the journalist and opened (2); U2J plaintext parsed directly (3); the
/// payload as a reader's text sent end to end, which must arrive unchanged (4).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let (selector, payload) = FuzzEntry.split(FuzzEntry.bytes(start, count))
    switch selector % 5 {
    case 0:
        let box = FuzzEntry.sized(payload, MessageSizes.userToCoverNodeEncrypted)
        _ = try? UserToCoverNodeMessage.open(box, with: Fixtures.coverNodeMessaging)
        _ = try? UserToCoverNodeMessage.open(payload, with: Fixtures.coverNodeMessaging2)
    case 1:
        let plain = FuzzEntry.sized(payload, MessageSizes.userToCoverNode)
        let box = Fixtures.fixture { try MultiAnonymousBox.seal(plain, to: Fixtures.coverNodeKeys) }
        let opened = try? UserToCoverNodeMessage.open(box, with: Fixtures.coverNodeMessaging)
        FuzzEntry.require(opened != nil, "a U2C sealed to the CoverNode opens")
        if case .real(_, let sealed) = opened {
            _ = try? UserToJournalistMessage.open(sealed, with: Fixtures.journalistMessaging)
        }
    case 2:
        let plain = FuzzEntry.sized(payload, MessageSizes.userToJournalist)
        let sealed = Fixtures.fixture { try AnonymousBox.seal(plain, to: Fixtures.journalistMessaging.publicKey) }
        _ = try? UserToJournalistMessage.open(sealed, with: Fixtures.journalistMessaging).text.text()
    case 3:
        _ = try? UserToJournalistMessage(serialized: payload).text.text()
    default:
        let text = String(decoding: payload, as: UTF8.self)
        guard PaddedCompressedString.fits(text) else { return 0 }
        let box = Fixtures.fixture {
            try UserToCoverNodeMessage.seal(
                text: text, replyKey: Fixtures.user.publicKey, journalistId: Fixtures.journalistId,
                journalistKey: Fixtures.journalistMessaging.publicKey, coverNodeKeys: Fixtures.coverNodeKeys)
        }
        guard
            case .real(let tag, let sealed) = try? UserToCoverNodeMessage.open(box, with: Fixtures.coverNodeMessaging2)
        else { fatalError("invariant broken: a real U2C did not open as real") }
        let inner = try? UserToJournalistMessage.open(sealed, with: Fixtures.journalistMessaging)
        FuzzEntry.require(tag == (try? RecipientTag(journalistId: Fixtures.journalistId)), "recipient tag")
        FuzzEntry.require((try? inner?.text.text()) == text, "the text arrives unchanged")
        FuzzEntry.require(inner?.replyKey == Fixtures.user.publicKey, "the reply key arrives unchanged")
    }
    return 0
}

@_cdecl("LLVMFuzzerInitialize")
public func initialize(_ argc: UnsafeMutableRawPointer?, _ argv: UnsafeMutableRawPointer?) -> CInt {
    FuzzEntry.writeSeedsIfRequested {
        let text = "I work at the port authority and have the invoices."
        let real = try UserToCoverNodeMessage.seal(
            text: text, replyKey: Fixtures.user.publicKey, journalistId: Fixtures.journalistId,
            journalistKey: Fixtures.journalistMessaging.publicKey, coverNodeKeys: Fixtures.coverNodeKeys)
        let inner = UserToJournalistMessage(
            replyKey: Fixtures.user.publicKey, text: try PaddedCompressedString(text: text))
        let plain = UserToCoverNodeMessage.real(
            tag: try RecipientTag(journalistId: Fixtures.journalistId),
            sealedMessage: try inner.seal(to: Fixtures.journalistMessaging.publicKey))
        return [
            "u2c-real": FuzzEntry.seed(0, real),
            "u2c-cover": FuzzEntry.seed(0, try UserToCoverNodeMessage.sealCover(to: Fixtures.coverNodeKeys)),
            "u2c-plain-real": FuzzEntry.seed(1, plain.serialized),
            "u2c-plain-cover": FuzzEntry.seed(1, UserToCoverNodeMessage.cover.serialized),
            "u2j-plain": FuzzEntry.seed(2, inner.serialized),
            "u2j-parse": FuzzEntry.seed(3, inner.serialized),
            "text": FuzzEntry.seed(4, FuzzEntry.utf8(text)),
        ]
    }
    return 0
}

/// SwiftPM links a debug executable with `main` = `FuzzUserMessages_main`: hand over to libFuzzer's driver.
@_cdecl("FuzzUserMessages_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    FuzzEntry.runDriver(argc, argv, fuzzOne)
}
