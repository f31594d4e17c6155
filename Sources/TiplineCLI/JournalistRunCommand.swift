import ArgumentParser
import Logging
import TiplineJournalist

/// `tipline journalist run`: the long-running service (sync, sender with cover traffic, key rotation).
struct JournalistRunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Receive, send one message a minute (real or cover) and rotate keys until stopped (Ctrl-C).")

    @OptionGroup var options: JournalistOptions

    @Option(help: "Seconds between two sent messages, real or cover (CoverDrop: 60).")
    var sendInterval: Int = 60

    func validate() throws {
        guard sendInterval > 0 else { throw ValidationError("--send-interval must be positive.") }
    }

    func run() async throws {
        let opened = try options.client()
        var configuration = opened.configuration
        configuration.sendInterval = .seconds(sendInterval)
        let client = JournalistClient(vault: opened.vault, api: opened.api, configuration: configuration)
        let logger = Logger(
            label: "tipline.journalist", factory: { label in StreamLogHandler.standardError(label: label) })
        let service = JournalistService(client: client, logger: logger)
        logger.info("journalist service started; stop with Ctrl-C")
        try await withSignalCancellation { try await service.run() }
        logger.info("journalist service stopped")
    }
}
