import PropertyBased
import Testing
import TiplineCore

@Suite struct EncodingTests {
    @Test func timestampsRenderLikeChronoAutoSi() throws {
        #expect(Timestamp(seconds: 1_677_245_862).rfc3339 == "2023-02-24T13:37:42Z")
        #expect(Timestamp(seconds: 1_677_245_862, nanoseconds: 500_000_000).rfc3339 == "2023-02-24T13:37:42.500Z")
        #expect(Timestamp(seconds: 1_677_245_862, nanoseconds: 532_315_000).rfc3339 == "2023-02-24T13:37:42.532315Z")
        #expect(
            Timestamp(seconds: 1_677_245_862, nanoseconds: 1).rfc3339PlusZeroOffset
                == "2023-02-24T13:37:42.000000001+00:00")
        #expect(try Timestamp(rfc3339: "2023-02-24T13:37:42+00:00") == Timestamp(seconds: 1_677_245_862))
        #expect(
            try Timestamp(rfc3339: "2023-02-24T15:37:42.5+02:00")
                == Timestamp(seconds: 1_677_245_862, nanoseconds: 500_000_000))
        #expect(try Timestamp(rfc3339: "2024-01-25T18:04:30.905124191Z").rfc3339 == "2024-01-25T18:04:30.905124191Z")
        #expect(try Timestamp(rfc3339: "1969-12-31T23:59:59Z").seconds == -1)
    }

    @Test func timestampsRoundTrip() async throws {
        await propertyCheck(input: Gen.int64(in: -2_000_000_000...4_000_000_000), Gen.int(in: 0...999_999_999)) {
            seconds, nanos throws in
            let instant = Timestamp(seconds: seconds, nanoseconds: UInt32(nanos))
            #expect(try Timestamp(rfc3339: instant.rfc3339) == instant)
            #expect(try Timestamp(rfc3339: instant.rfc3339PlusZeroOffset) == instant)
            #expect(Timestamp(microseconds: instant.microseconds).microseconds == instant.microseconds)
        }
    }

    @Test func invalidTimestampsAreErrors() {
        for text in [
            "", "2023-02-30T00:00:00Z", "2023-13-01T00:00:00Z", "2023-02-24 13:37", "2023-02-24T13:37:42",
            "2023-02-24T13:37:42.Z", "2023-02-24T25:00:00Z", "2023-02-24T13:37:42+0000", "２０２３-02-24T13:37:42Z",
        ] {
            #expect(throws: TiplineCoreError.self, "\(text)") { try Timestamp(rfc3339: text) }
        }
    }

    @Test func hexAndBase64RoundTripAndRejectGarbage() async throws {
        await propertyCheck(input: Gen<UInt8>.value(in: 0...255).array(of: 0...100)) { bytes throws in
            #expect(try Hex.decode(Hex.encode(bytes)) == bytes)
            #expect(try Base64.decode(Base64.encodePadded(bytes)) == bytes)
            #expect(try Base64.decode(Base64.encodeUnpadded(bytes)) == bytes)
        }
        #expect(try Hex.decode("ABcd") == [0xab, 0xcd])
        for bad in ["abc", "zz", "0x00"] { #expect(throws: TiplineCoreError.self) { try Hex.decode(bad) } }
        for bad in ["a", "ab!d", "ab d", "====", "YQ==="] {
            #expect(throws: TiplineCoreError.self) { try Base64.decode(bad) }
        }
    }
}
