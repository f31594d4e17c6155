/// Reads what ``ByteWriter`` wrote, bounds-checked: every read past the end throws instead of trapping.
struct ByteReader {
    private let bytes: [UInt8]
    private(set) var offset = 0
    private let failure: ClientError

    init(_ bytes: [UInt8], failure: ClientError) {
        self.bytes = bytes
        self.failure = failure
    }

    var remaining: Int { bytes.count - offset }

    mutating func read(_ count: Int) throws -> [UInt8] {
        guard count >= 0, count <= remaining else { throw failure }
        defer { offset += count }
        return Array(bytes[offset..<offset + count])
    }

    mutating func readByte() throws -> UInt8 { try read(1)[0] }

    mutating func read<T: FixedWidthInteger>(_: T.Type) throws -> T {
        try read(MemoryLayout<T>.size).reduce(T.zero) { $0 << 8 | T($1) }
    }

    mutating func readShort() throws -> [UInt8] { try read(Int(readByte())) }

    mutating func readLong() throws -> [UInt8] { try read(Int(read(UInt32.self))) }
}
