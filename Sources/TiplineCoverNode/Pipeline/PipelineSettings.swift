import Foundation
import TiplineCore

/// How a direction's pipeline reads, decrypts and retries.
package struct PipelineSettings: Hashable, Sendable {
    /// Stream messages read per batch.
    package var batchSize: Int
    /// Wait between reads when the stream has nothing new (the mix's timer ticks at this rate too).
    package var pollInterval: Duration
    /// Parallel decryption and sealing tasks (the task-group width); `nil` at creation means one per core.
    package var width: Int
    /// First retry delay after a failed publish or a pipeline restart.
    package var minimumBackoff: Duration
    /// Longest retry delay.
    package var maximumBackoff: Duration

    /// Creates settings; the defaults suit production.
    package init(
        batchSize: Int = 2000, pollInterval: Duration = .seconds(1),
        width: Int? = nil, minimumBackoff: Duration = .seconds(1),
        maximumBackoff: Duration = .seconds(60)
    ) {
        self.batchSize = batchSize
        self.pollInterval = pollInterval
        self.width = width ?? ProcessInfo.processInfo.activeProcessorCount
        self.minimumBackoff = minimumBackoff
        self.maximumBackoff = maximumBackoff
    }

    /// Throws unless every value is positive and the backoff bounds are ordered.
    package func validate() throws {
        guard batchSize >= 1, width >= 1, pollInterval > .zero, minimumBackoff > .zero,
            minimumBackoff <= maximumBackoff
        else {
            throw CoverNodeError(.invalidSettings, "pipeline settings need positive sizes, intervals and backoffs")
        }
    }
}
