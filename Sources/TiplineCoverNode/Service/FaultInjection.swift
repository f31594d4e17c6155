import Synchronization
import TiplineCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Crash points for the crash tests: `TIPLINE_FAULT=<point>:<n>` makes the CoverNode kill itself with SIGKILL the
/// n-th time it reaches `<point>`. Read only by `tipline covernode`; without the variable nothing happens.
package final class FaultInjection: Sendable {
    /// Where the CoverNode can be made to crash.
    package enum Point: String, Sendable, CaseIterable {
        /// After an input was fed to the mix (mid-batch).
        case afterInput = "crash-after-input"
        /// After a whole batch was fed to the mix.
        case afterBatch = "crash-after-batch"
        /// After the intent record was written, before publishing.
        case afterIntent = "crash-after-intent"
        /// After the API acknowledged a dead drop, before the checkpoint moved.
        case afterPublish = "crash-after-publish"
        /// After the checkpoint moved, before the intent record was deleted.
        case afterCheckpoint = "crash-after-checkpoint"
    }

    /// No fault.
    package static let none = FaultInjection(point: nil, count: 0)

    private let point: Point?
    private let count: Int
    private let hits = Atomic<Int>(0)

    private init(point: Point?, count: Int) {
        self.point = point
        self.count = count
    }

    /// Parses `<point>:<n>` (n ≥ 1); `nil` or an empty string is no fault.
    /// - Throws: ``CoverNodeError`` with `.invalidSettings` for anything else.
    package static func parse(_ specification: String?) throws -> FaultInjection {
        guard let specification, !specification.isEmpty else { return .none }
        let parts = specification.split(separator: ":")
        guard parts.count == 2, let point = Point(rawValue: String(parts[0])), let count = Int(parts[1]), count >= 1
        else {
            let points = Point.allCases.map(\.rawValue).joined(separator: "|")
            throw CoverNodeError(.invalidSettings, "TIPLINE_FAULT must be <\(points)>:<n> with n >= 1")
        }
        return FaultInjection(point: point, count: count)
    }

    /// Marks that `point` was reached; kills the process when it is the configured crash.
    func reached(_ point: Point) {
        guard point == self.point else { return }
        if hits.add(1, ordering: .sequentiallyConsistent).newValue == count {
            kill(getpid(), SIGKILL)
        }
    }
}
