import TiplineCore

/// Pads the serialized vault to a size bucket, so the file's size reveals little about how many sources and
/// messages it holds: `u32 BE length ‖ contents ‖ zeros`, total = the next power of two, at least 64 KiB.
enum VaultPadding {
    /// The smallest bucket.
    static let minimumSize = 1 << 16

    static func pad(_ contents: [UInt8]) throws -> [UInt8] {
        guard contents.count <= Int(UInt32.max) - 4 else {
            throw JournalistError(.io, "the vault has grown too large to save")
        }
        let length = UInt32(contents.count)
        var size = minimumSize
        while size < contents.count + 4 { size <<= 1 }
        return [UInt8(length >> 24), UInt8(length >> 16 & 0xff), UInt8(length >> 8 & 0xff), UInt8(length & 0xff)]
            + contents + [UInt8](repeating: 0, count: size - 4 - contents.count)
    }

    static func unpad(_ padded: [UInt8]) throws -> ArraySlice<UInt8> {
        guard padded.count >= 4 else { throw JournalistError(.vaultCorrupt, "the vault's contents are damaged") }
        let length = padded[0..<4].reduce(0) { $0 << 8 | Int($1) }
        guard length <= padded.count - 4 else {
            throw JournalistError(.vaultCorrupt, "the vault's contents are damaged")
        }
        return padded[4..<4 + length]
    }
}
