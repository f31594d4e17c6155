import FuzzSupport
import TiplineCore

/// Base64 (padded and unpadded) and hex: decoding never crashes, and whatever decodes re-encodes to bytes that
/// decode to the same value. Selector bit 0: base64 (0) or hex (1).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let (selector, payload) = FuzzEntry.split(FuzzEntry.bytes(start, count))
    let text = String(decoding: payload, as: UTF8.self)
    if selector & 1 == 0 {
        if let bytes = try? Base64.decode(text) {
            FuzzEntry.require((try? Base64.decode(Base64.encodePadded(bytes))) == bytes, "base64 padded round trip")
            FuzzEntry.require((try? Base64.decode(Base64.encodeUnpadded(bytes))) == bytes, "base64 unpadded round trip")
        }
        FuzzEntry.require((try? Base64.decode(Base64.encodeUnpadded(payload))) == payload, "base64 of any bytes")
    } else {
        if let bytes = try? Hex.decode(text) {
            FuzzEntry.require(Hex.encode(bytes) == text.lowercased(), "hex is case-insensitive and exact")
        }
        FuzzEntry.require((try? Hex.decode(Hex.encode(payload))) == payload, "hex of any bytes")
    }
    return 0
}

@_cdecl("LLVMFuzzerInitialize")
public func initialize(_ argc: UnsafeMutableRawPointer?, _ argv: UnsafeMutableRawPointer?) -> CInt {
    FuzzEntry.writeSeedsIfRequested {
        [
            "base64-padded": FuzzEntry.seed(0, FuzzEntry.utf8("AAECAwQFBgc=")),
            "base64-unpadded": FuzzEntry.seed(0, FuzzEntry.utf8("AAECAwQFBgc")),
            "base64-two-pad": FuzzEntry.seed(0, FuzzEntry.utf8("/+8=")),
            "base64-message": FuzzEntry.seed(0, FuzzEntry.utf8(Base64.encodeUnpadded(Array(0..<255)))),
            "hex-lower": FuzzEntry.seed(1, FuzzEntry.utf8(Fixtures.anchor.key.hex)),
            "hex-mixed": FuzzEntry.seed(1, FuzzEntry.utf8("00fFaB10")),
            "hex-odd": FuzzEntry.seed(1, FuzzEntry.utf8("abc")),
        ]
    }
    return 0
}

/// SwiftPM links a debug executable with `main` = `FuzzEncoding_main`: hand over to libFuzzer's driver.
@_cdecl("FuzzEncoding_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    FuzzEntry.runDriver(argc, argv, fuzzOne)
}
