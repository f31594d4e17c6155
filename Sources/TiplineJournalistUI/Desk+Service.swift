import Logging
import TiplineAPIClient
import TiplineCore
import TiplineJournalist

/// The journalist service's lifecycle: started on the vault by the first unlock, stopped by ``Desk/shutdown()``.
extension Desk {
    /// Starts the journalist service on the opened vault.
    func start(_ vault: JournalistVault) {
        var configuration = JournalistConfiguration()
        configuration.sendInterval = settings.sendInterval
        if let syncInterval = settings.syncInterval { configuration.syncInterval = syncInterval }
        let client = JournalistClient(
            vault: vault, api: APIClient(baseURL: settings.apiURL), clock: clock, configuration: configuration)
        self.client = client
        let service = JournalistService(client: client, clock: sleeper, logger: logger)
        self.service = Task {
            do {
                try await service.run()
            } catch {
                self.serviceStopped(because: error)
            }
        }
        logger.info("vault opened; journalist service started")
    }

    private func serviceStopped(because error: any Error) {
        serviceProblem = "\(error)"
        logger.error("the journalist service stopped", metadata: ["error": "\(error)"])
    }

    /// Stops the journalist service (the step in progress finishes and saves) and closes the vault.
    package func shutdown() async {
        service?.cancel()
        await service?.value
        service = nil
        session = nil
        await client?.vault.close()
    }
}
