import FuzzSupport
import TiplineCore

/// RFC 3339: parsing never crashes, and a parsed instant renders (with `Z` and with `+00:00`) to text that parses
/// back to the same instant; microseconds and durations of parsed instants never overflow.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let text = String(decoding: FuzzEntry.bytes(start, count), as: UTF8.self)
    guard let time = try? Timestamp(rfc3339: text) else { return 0 }
    FuzzEntry.require((try? Timestamp(rfc3339: time.rfc3339)) == time, "rfc3339 round trip of \(time.rfc3339)")
    FuzzEntry.require(
        (try? Timestamp(rfc3339: time.rfc3339PlusZeroOffset)) == time, "+00:00 round trip of \(time.rfc3339)")
    _ = time.microseconds
    _ = time.duration(since: Fixtures.now)
    _ = Fixtures.now.duration(since: time)
    return 0
}

@_cdecl("LLVMFuzzerInitialize")
public func initialize(_ argc: UnsafeMutableRawPointer?, _ argv: UnsafeMutableRawPointer?) -> CInt {
    FuzzEntry.writeSeedsIfRequested {
        [
            "utc": FuzzEntry.utf8("2030-03-17T17:46:40Z"),
            "millis": FuzzEntry.utf8("2025-11-27T16:25:13.123Z"),
            "nanos-offset": FuzzEntry.utf8("2025-11-27T16:25:13.123456789+05:30"),
            "long-fraction": FuzzEntry.utf8("1999-12-31t23:59:60.1234567891234-00:00"),
            "leap-day": FuzzEntry.utf8("2024-02-29 00:00:00z"),
            "year-zero": FuzzEntry.utf8("0000-01-01T00:00:00Z"),
            "year-max": FuzzEntry.utf8("9999-12-31T23:59:59.999999999-23:59"),
        ]
    }
    return 0
}

/// SwiftPM links a debug executable with `main` = `FuzzTimestamp_main`: hand over to libFuzzer's driver.
@_cdecl("FuzzTimestamp_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    FuzzEntry.runDriver(argc, argv, fuzzOne)
}
