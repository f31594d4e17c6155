/// What one sending step did.
public enum SendRunResult: Hashable, Sendable {
    /// Skipped: the previous run was less than the minimum interval ago.
    case rateLimited
    /// Skipped: no verified CoverNode key to make cover messages with.
    case keysUnavailable
    /// Ran: `acknowledged` of `attempted` POSTs were acknowledged and left the queue.
    case ran(attempted: Int, acknowledged: Int)
}
