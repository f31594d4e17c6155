import Foundation

/// A simple randomness check for "looks uniformly random" assertions.
enum ByteStatistics {
    /// Pearson's chi-square of the byte frequencies against a uniform distribution (255 degrees of freedom).
    static func chiSquare(_ bytes: [UInt8]) -> Double {
        var counts = [Int](repeating: 0, count: 256)
        for byte in bytes { counts[Int(byte)] += 1 }
        let expected = Double(bytes.count) / 256
        return counts.reduce(0) { $0 + (Double($1) - expected) * (Double($1) - expected) / expected }
    }

    /// Uniform bytes exceed this with probability about 1e-5 (mean 255, standard deviation 22.6); any structure in
    /// half a megabyte (zero padding, ASCII, JSON) lands in the tens of thousands.
    static let chiSquareLimit = 360.0
}

extension Array where Element == UInt8 {
    /// Whether `needle` occurs as a contiguous run.
    func contains(subsequence needle: [UInt8]) -> Bool {
        !needle.isEmpty && Data(self).range(of: Data(needle)) != nil
    }
}
