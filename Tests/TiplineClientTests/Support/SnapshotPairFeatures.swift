import Foundation
import TiplineSimulation

/// What a device examiner can compare between two snapshots of one app's state folder (the features of the
/// device-snapshot measurement): relative file names, sizes, which files' bytes changed, which files the last
/// lifecycle event rewrote and how long after it, in whole seconds. (File-system timestamps come from a coarse
/// kernel clock, so files written within one checkpoint often share a timestamp; their order within it is the code's,
/// the same for every installation, and is left out.)
///
/// Inode numbers are left out of this five-against-five comparison: every installation replaces the same files the
/// same number of times (`DeniabilityTests` checks the writes step by step), but ext4 hands a freed inode number to
/// the next file created anywhere on the disk, so whether a file's number after several replacements equals its old
/// one depends on what the rest of the machine created meanwhile. One such coincidence among five sources was an
/// "exact tell" in CI that tells nothing about use. The population harness (`Tests/Anonymity/phone.py`) keeps the
/// inode feature, where a class-independent coincidence cannot move the AUC bound.
enum SnapshotPairFeatures {
    /// The features of one pair, by name; a file missing from a snapshot has size -1.
    static func of(first: StateSnapshot, second: StateSnapshot, lastEvent: Date) -> [String: Double] {
        var features: [String: Double] = ["file count": Double(second.files.count)]
        let names = Set(first.files.keys).union(second.files.keys).sorted()
        for name in names {
            let before = first.files[name]
            let after = second.files[name]
            features["\(name) size 1"] = Double(before?.size ?? -1)
            features["\(name) size 2"] = Double(after?.size ?? -1)
            features["\(name) bytes changed"] = before?.sha256 == after?.sha256 ? 0 : 1
            let sinceEvent = after.map { $0.modified.timeIntervalSince(lastEvent) } ?? -1
            features["\(name) seconds after event"] = sinceEvent < 0 ? -1 : sinceEvent.rounded(.down)
        }
        return features
    }

    /// Feature values that only one class shows (an exact tell), as "feature = value" lines.
    static func exactTells(_ positives: [[String: Double]], _ negatives: [[String: Double]]) -> [String] {
        let names = Set((positives + negatives).flatMap(\.keys)).sorted()
        return names.flatMap { name -> [String] in
            let a = Set(positives.map { $0[name] ?? .nan })
            let b = Set(negatives.map { $0[name] ?? .nan })
            return a.symmetricDifference(b).sorted().map { "\(name) = \($0)" }
        }
    }

    /// The best single-feature classifier's AUC (Mann–Whitney, ties count half, either direction).
    static func bestAUC(_ positives: [[String: Double]], _ negatives: [[String: Double]]) -> Double {
        let names = Set((positives + negatives).flatMap(\.keys))
        return names.map { name in
            var wins = 0.0
            for p in positives {
                for n in negatives {
                    let (x, y) = (p[name] ?? -2, n[name] ?? -2)
                    wins += x > y ? 1 : x == y ? 0.5 : 0
                }
            }
            let auc = wins / Double(positives.count * negatives.count)
            return max(auc, 1 - auc)
        }.max() ?? 0.5
    }
}
