/// Appends big-endian integers and length-prefixed fields: the encoder of the client's fixed binary layouts.
struct ByteWriter {
    private(set) var bytes: [UInt8] = []

    mutating func append(_ value: UInt8) { bytes.append(value) }

    mutating func append<T: FixedWidthInteger>(bigEndian value: T) {
        withUnsafeBytes(of: value.bigEndian) { bytes.append(contentsOf: $0) }
    }

    mutating func append(_ raw: [UInt8]) { bytes.append(contentsOf: raw) }

    /// A byte string prefixed by its length as a `u8`; the caller guarantees at most 255 bytes.
    mutating func appendShort(_ raw: [UInt8]) {
        append(UInt8(clamping: raw.count))
        append(Array(raw.prefix(Int(UInt8.max))))
    }

    /// A byte string prefixed by its length as a `u32`.
    mutating func appendLong(_ raw: [UInt8]) {
        append(bigEndian: UInt32(clamping: raw.count))
        append(raw)
    }
}
