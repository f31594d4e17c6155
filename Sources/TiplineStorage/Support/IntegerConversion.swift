import TiplineCore

/// Narrowing conversions that throw instead of trapping.
enum IntegerConversion {
    static func int32(_ value: Int64, _ what: String) throws -> Int32 {
        guard let narrowed = Int32(exactly: value) else {
            throw StorageError(.corruptData, "\(what) is outside the Int32 range")
        }
        return narrowed
    }

    /// Clamps a caller-supplied row limit to `0...Int64.max`.
    static func limit(_ limit: Int) -> Int64 {
        Int64(max(0, limit))
    }
}
