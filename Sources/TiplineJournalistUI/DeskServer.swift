import Hummingbird
package import Logging

/// Runs the desk: the web UI on 127.0.0.1 and, from the first unlock, the journalist service in the same process.
package enum DeskServer {
    /// Serves until SIGINT or SIGTERM, then stops the journalist service gracefully (the step in progress finishes
    /// and saves) and closes the vault.
    /// - Parameter onServerRunning: called with the desk's URL (`http://127.0.0.1:PORT/`) once it listens.
    package static func run(
        settings: DeskSettings, logger: Logger, onServerRunning: @escaping @Sendable (String) async -> Void
    ) async throws {
        let desk = Desk(settings: settings, logger: logger)
        let app = try await buildDeskApplication(desk: desk, logger: logger) { port in
            await onServerRunning("http://\(DeskSettings.host):\(port)/")
        }
        do {
            try await app.runService()
        } catch {
            await desk.shutdown()
            throw error
        }
        await desk.shutdown()
    }
}
