import Logging
import Synchronization

/// Process-wide logging set-up for Tipline executables. Libraries never call it; they take a `Logger`.
///
/// Privacy rules every service follows: request logs are written at `debug` only and carry the method, the route
/// template, the status and the duration — never a client address, user agent, query string, header or body.
package enum ServerLogging {
    private static let bootstrapped = Mutex(false)

    /// Sends all logs to standard error. Safe to call more than once; only the first call has an effect.
    package static func bootstrap() {
        let first = bootstrapped.withLock { done in
            defer { done = true }
            return !done
        }
        if first { LoggingSystem.bootstrap(StreamLogHandler.standardError) }
    }
}
