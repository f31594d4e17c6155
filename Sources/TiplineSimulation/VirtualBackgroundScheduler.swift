import Foundation
import TiplineClient
package import TiplineCore

/// A ``BackgroundScheduler`` for simulations: remembers the latest request; the simulation plays the OS and runs the
/// background task once virtual time passes it.
package final class VirtualBackgroundScheduler: BackgroundScheduler, @unchecked Sendable {
    // Invariant: `requested` is only touched while holding `lock`.
    private let lock = NSLock()
    private var requested: Timestamp?

    /// Creates a scheduler with no request.
    package init() {}

    package func schedule(earliest: Timestamp) async { lock.withLock { requested = earliest } }

    /// The pending request, if any.
    package var earliest: Timestamp? { lock.withLock { requested } }

    /// Takes the request if it is due at `now`.
    package func takeIfDue(at now: Timestamp) -> Bool {
        lock.withLock {
            guard let due = requested, due <= now else { return false }
            requested = nil
            return true
        }
    }
}
