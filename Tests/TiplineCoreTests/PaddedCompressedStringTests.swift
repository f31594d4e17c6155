import CompressNIO
import NIOCore
import PropertyBased
import Testing
import TiplineCore

@Suite struct PaddedCompressedStringTests {
    @Test func roundTripsAnyShortText() async throws {
        await propertyCheck(input: Gen.letterOrNumber.string(of: 0...300)) { text throws in
            let padded = try PaddedCompressedString(text: text)
            #expect(padded.bytes.count == 512)
            #expect(try padded.text() == text)
        }
    }

    @Test func roundTripsUnicode() throws {
        for text in ["こんにちは", "Grüße 🙂", "", String(repeating: "é", count: 40)] {
            #expect(try PaddedCompressedString(text: text).text() == text)
        }
    }

    @Test func usesTheCanonicalGzipHeader() throws {
        let padded = try PaddedCompressedString(text: "hello")
        #expect(Array(padded.bytes[2..<12]) == [0x1f, 0x8b, 0x08, 0, 0, 0, 0, 0, 0, 0xff])
    }

    @Test func refusesTextThatDoesNotCompressInto510Bytes() {
        let random = SecureRandom.bytes(900).map { Character(UnicodeScalar(0x41 + $0 % 58)) }
        #expect(throws: TiplineCoreError.self) { try PaddedCompressedString(text: String(random)) }
        #expect(!PaddedCompressedString.fits(String(random)))
    }

    @Test func refusesTextOtherClientsWouldTakeForABomb() {
        #expect(throws: TiplineCoreError.self) {
            try PaddedCompressedString(text: String(repeating: "a", count: 100_000))
        }
    }

    @Test func neverCrashesOnRandomBytes() async throws {
        await propertyCheck(count: 300, input: Gen<UInt8>.value(in: 0...255).array(of: 512)) { bytes throws in
            let padded = try PaddedCompressedString(bytes: bytes)
            _ = try? padded.text()
        }
    }

    @Test func rejectsLengthsOutOfBounds() throws {
        for length: UInt16 in [0, 511, 512, 0xffff] {
            let bytes = [UInt8(length >> 8), UInt8(length & 0xff)] + [UInt8](repeating: 0x1f, count: 510)
            #expect(throws: TiplineCoreError.self) { try PaddedCompressedString(bytes: bytes).text() }
        }
        #expect(throws: TiplineCoreError.self) { try PaddedCompressedString(bytes: [UInt8](repeating: 0, count: 511)) }
    }

    @Test func rejectsAZipBomb() throws {
        var input = ByteBuffer(bytes: [UInt8](repeating: 0x61, count: 200_000))
        var compressed = try input.compress(with: .gzip())
        let member = compressed.readBytes(length: compressed.readableBytes) ?? []
        #expect(member.count < 510)
        let bytes =
            [UInt8(member.count >> 8), UInt8(member.count & 0xff)] + member
            + [UInt8](repeating: 0, count: 510 - member.count)
        #expect(throws: TiplineCoreError.self) { try PaddedCompressedString(bytes: bytes).text() }
    }

    @Test func acceptsOtherGzipHeaders() throws {
        var input = ByteBuffer(string: "from another platform")
        var compressed = try input.compress(with: .gzip())
        var member = compressed.readBytes(length: compressed.readableBytes) ?? []
        member[9] = 0x03  // zlib's Unix OS byte, as Android or iOS might write
        let bytes =
            [UInt8(member.count >> 8), UInt8(member.count & 0xff)] + member
            + [UInt8](repeating: 0, count: 510 - member.count)
        #expect(try PaddedCompressedString(bytes: bytes).text() == "from another platform")
    }
}
