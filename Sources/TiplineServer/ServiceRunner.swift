package import Logging
package import ServiceLifecycle
import UnixSignals

/// Runs a service's parts in one `ServiceGroup`, shutting down gracefully on SIGTERM or SIGINT.
///
/// Services start in order and stop in reverse order, so list what others depend on (a database client) first
/// and the HTTP application last: on shutdown the server stops taking requests and finishes those in flight
/// before anything it uses stops.
package enum ServiceRunner {
    /// Runs `services` until they finish or a signal asks them to.
    package static func run(_ services: [any Service], logger: Logger) async throws {
        let group = ServiceGroup(
            configuration: ServiceGroupConfiguration(
                services: services, gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        try await group.run()
    }
}
