import FuzzSupport
import TiplineCore

/// Padded compressed strings (the gzip text inside every message). Selector bit 0: decode 512 received bytes (0),
/// or compress the payload as text and require that it decodes to the same text (1).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let (selector, payload) = FuzzEntry.split(FuzzEntry.bytes(start, count))
    if selector & 1 == 0 {
        let padded = try? PaddedCompressedString(bytes: FuzzEntry.sized(payload, PaddedCompressedString.length))
        _ = try? padded?.text()
        _ = try? PaddedCompressedString(bytes: payload)
    } else {
        let text = String(decoding: payload, as: UTF8.self)
        _ = try? PaddedCompressedString.compressedLength(of: text)
        if let padded = try? PaddedCompressedString(text: text) {
            FuzzEntry.require(padded.bytes.count == PaddedCompressedString.length, "padded length")
            FuzzEntry.require((try? padded.text()) == text, "compress/decompress round trip")
        }
    }
    return 0
}

@_cdecl("LLVMFuzzerInitialize")
public func initialize(_ argc: UnsafeMutableRawPointer?, _ argv: UnsafeMutableRawPointer?) -> CInt {
    FuzzEntry.writeSeedsIfRequested {
        let texts = [
            "empty": "", "hello": "Hello, I have documents about the council's contracts.",
            "unicode": "Grüße aus Köln — 東京 🌧", "repetitive": String(repeating: "a", count: 2000),
        ]
        var seeds: [String: [UInt8]] = [:]
        for (name, text) in texts {
            seeds["text-\(name)"] = FuzzEntry.seed(1, FuzzEntry.utf8(text))
            if let padded = try? PaddedCompressedString(text: text) {
                seeds["padded-\(name)"] = FuzzEntry.seed(0, padded.bytes)
            }
        }
        return seeds
    }
    return 0
}

/// SwiftPM links a debug executable with `main` = `FuzzPaddedText_main`: hand over to libFuzzer's driver.
@_cdecl("FuzzPaddedText_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    FuzzEntry.runDriver(argc, argv, fuzzOne)
}
